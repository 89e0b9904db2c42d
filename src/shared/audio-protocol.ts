/**
 * Microphone audio from the capture page to the engine: 16 kHz mono Float32 PCM in chunks of at most 1 s.
 * Audio lives in memory only; the engine keeps numbers derived from it, never the samples.
 */

/** The only rate the engine accepts, Hz: the capture page resamples before sending. */
export const AUDIO_SAMPLE_RATE = 16_000;
/** Largest chunk, samples (1 s at 16 kHz). Pages send about 100 ms at a time. */
export const MAX_AUDIO_SAMPLES = AUDIO_SAMPLE_RATE;

export interface AudioHeader {
  type: 'audio';
  seq: number;
  /** Unix ms when the chunk's first sample was captured. */
  t: number;
  sampleRate: typeof AUDIO_SAMPLE_RATE;
  /** Number of Float32 samples that follow. */
  samples: number;
}

/** The MessagePort form (Electron): the header plus the samples as a transferable Float32 buffer. */
export type AudioMessage = AudioHeader & { data: ArrayBuffer };

/**
 * Binary form for the host's WebSocket, like a frame's:
 * [u32 little-endian header length][UTF-8 JSON header][samples × Float32 little-endian].
 */
export function encodeAudio(header: AudioHeader, pcm: Float32Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + pcm.length * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 4);
  const base = 4 + json.length;
  for (let i = 0; i < pcm.length; i++) view.setFloat32(base + i * 4, pcm[i] as number, true);
  return out;
}

/** Throws RangeError/TypeError on anything malformed; the samples are copied (the body may be unaligned). */
export function decodeAudio(bytes: Uint8Array): { header: AudioHeader; pcm: Float32Array } {
  const { header, body } = splitCaptureBytes(bytes);
  if (!isAudioHeader(header)) throw new TypeError('malformed audio header');
  if (body.length !== header.samples * 4) {
    throw new RangeError(`expected ${header.samples * 4} audio bytes, got ${body.length}`);
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const pcm = new Float32Array(header.samples);
  for (let i = 0; i < pcm.length; i++) pcm[i] = view.getFloat32(i * 4, true);
  if (!allFinite(pcm)) throw new RangeError('audio samples must be finite numbers (NaN or Infinity found)');
  return { header, pcm };
}

/** Splits a binary capture message into its parsed JSON header (unchecked) and the bytes after it. */
export function splitCaptureBytes(bytes: Uint8Array): { header: unknown; body: Uint8Array } {
  if (bytes.length < 4) throw new RangeError('capture message too short');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + headerLength > bytes.length) throw new RangeError('capture header overruns the message');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)));
  } catch {
    throw new TypeError('capture header is not JSON');
  }
  return { header, body: bytes.subarray(4 + headerLength) };
}

export function isAudioHeader(v: unknown): v is AudioHeader {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return (
    h.type === 'audio' &&
    Number.isInteger(h.seq) &&
    typeof h.t === 'number' &&
    Number.isFinite(h.t) &&
    h.sampleRate === AUDIO_SAMPLE_RATE &&
    Number.isInteger(h.samples) &&
    (h.samples as number) > 0 &&
    (h.samples as number) <= MAX_AUDIO_SAMPLES
  );
}

/** False when any sample is NaN or ±Infinity: one such sample would poison every filter and average after it. */
export function allFinite(pcm: Float32Array): boolean {
  for (const v of pcm) if (!Number.isFinite(v)) return false;
  return true;
}
