/**
 * Turns capture messages (from a MessagePort or the host's socket) into frames for the engine,
 * rejecting anything malformed without throwing.
 */
import { decodeFrame, type CaptureMessage } from '../shared/engine-protocol';
import { isCameraState, type CameraState } from '../shared/mood';
import type { Frame } from './frame-analyzer';

export type CaptureInput =
  { kind: 'frame'; frame: Frame } | { kind: 'camera'; state: CameraState } | { kind: 'invalid'; reason: string };

const MAX_SIDE = 4096;

/** A structured-clone message from Electron's MessagePort. */
export function fromPortMessage(data: unknown): CaptureInput {
  if (typeof data !== 'object' || data === null) return { kind: 'invalid', reason: 'not an object' };
  const m = data as Partial<CaptureMessage> & Record<string, unknown>;
  if (m.type === 'camera')
    return isCameraState(m.state)
      ? { kind: 'camera', state: m.state }
      : { kind: 'invalid', reason: 'unknown camera state' };
  if (m.type !== 'frame') return { kind: 'invalid', reason: 'unknown message type' };
  const { t, width, height, data: buffer } = m;
  if (typeof t !== 'number' || !isSide(width) || !isSide(height))
    return { kind: 'invalid', reason: 'bad frame header' };
  if (!(buffer instanceof ArrayBuffer)) return { kind: 'invalid', reason: 'frame data is not an ArrayBuffer' };
  if (buffer.byteLength !== width * height * 4)
    return { kind: 'invalid', reason: 'frame size does not match its data' };
  return { kind: 'frame', frame: { t, width, height, data: new Uint8Array(buffer) } };
}

/** A binary WebSocket message from the host page (see encodeFrame). */
export function fromSocketMessage(bytes: Uint8Array): CaptureInput {
  try {
    const { header, pixels } = decodeFrame(bytes);
    return { kind: 'frame', frame: { t: header.t, width: header.width, height: header.height, data: pixels } };
  } catch (err) {
    return { kind: 'invalid', reason: err instanceof Error ? err.message : String(err) };
  }
}

function isSide(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_SIDE;
}
