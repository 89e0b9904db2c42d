/**
 * Turns capture messages (from a MessagePort or the host's socket) into frames for the engine,
 * rejecting anything malformed without throwing.
 */
import { allFinite, decodeAudio, isAudioHeader, splitCaptureBytes } from '../../shared/audio-protocol';
import { decodeFrame, type CaptureMessage } from '../../shared/engine-protocol';
import { isCameraState, type CameraState } from '../../shared/mood';
import type { Frame } from '../vision/frame-analyzer';

/** 16 kHz mono samples whose first was captured at `t` (Unix ms). */
export interface AudioChunk {
  t: number;
  pcm: Float32Array;
}

export type CaptureInput =
  | { kind: 'frame'; frame: Frame }
  | { kind: 'audio'; audio: AudioChunk }
  | { kind: 'camera'; state: CameraState }
  | { kind: 'invalid'; reason: string };

const MAX_SIDE = 4096;

/** A structured-clone message from Electron's MessagePort. */
export function fromPortMessage(data: unknown): CaptureInput {
  if (typeof data !== 'object' || data === null) return { kind: 'invalid', reason: 'not an object' };
  const m = data as Partial<CaptureMessage> & Record<string, unknown>;
  if (m.type === 'camera')
    return isCameraState(m.state)
      ? { kind: 'camera', state: m.state }
      : { kind: 'invalid', reason: 'unknown camera state' };
  if (m.type === 'audio') return fromAudioPortMessage(m);
  if (m.type !== 'frame') return { kind: 'invalid', reason: 'unknown message type' };
  const { t, width, height, data: buffer } = m;
  if (typeof t !== 'number' || !Number.isFinite(t) || !isSide(width) || !isSide(height))
    return { kind: 'invalid', reason: 'bad frame header' };
  if (!(buffer instanceof ArrayBuffer)) return { kind: 'invalid', reason: 'frame data is not an ArrayBuffer' };
  if (buffer.byteLength !== width * height * 4)
    return { kind: 'invalid', reason: 'frame size does not match its data' };
  return { kind: 'frame', frame: { t, width, height, data: new Uint8Array(buffer) } };
}

function fromAudioPortMessage(m: Record<string, unknown>): CaptureInput {
  const { data, ...header } = m;
  if (!isAudioHeader(header)) return { kind: 'invalid', reason: 'bad audio header' };
  if (!(data instanceof ArrayBuffer)) return { kind: 'invalid', reason: 'audio data is not an ArrayBuffer' };
  if (data.byteLength !== header.samples * 4) return { kind: 'invalid', reason: 'audio size does not match its data' };
  const pcm = new Float32Array(data);
  if (!allFinite(pcm)) return { kind: 'invalid', reason: 'audio samples must be finite numbers' };
  return { kind: 'audio', audio: { t: header.t, pcm } };
}

/** A binary WebSocket message from the host page (see encodeFrame and encodeAudio). */
export function fromSocketMessage(bytes: Uint8Array): CaptureInput {
  try {
    if (isAudioHeader(splitCaptureBytes(bytes).header)) {
      const { header, pcm } = decodeAudio(bytes);
      return { kind: 'audio', audio: { t: header.t, pcm } };
    }
    const { header, pixels } = decodeFrame(bytes);
    return { kind: 'frame', frame: { t: header.t, width: header.width, height: header.height, data: pixels } };
  } catch (err) {
    return { kind: 'invalid', reason: err instanceof Error ? err.message : String(err) };
  }
}

function isSide(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_SIDE;
}
