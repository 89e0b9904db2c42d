/**
 * WAV (RIFF/WAVE) decoding to mono float samples. Accepts PCM 8 (unsigned), 16, 24 and 32-bit integer, 32 and
 * 64-bit float, plain or WAVE_FORMAT_EXTENSIBLE, any channel count (mixed to mono by averaging). Damaged files
 * are read as far as they make sense: a data chunk longer than the file (a recorder that died mid-write, or a
 * streaming writer's 0 / 0xFFFFFFFF size) gives the samples present plus a warning. A file without a usable
 * `fmt ` chunk or any sample data is AttuneError('bad-input'). Resampling and cleaning live in audio-input.ts.
 */
import { AttuneError } from '../../shared/envelope';

export interface DecodedWav {
  /** Mono samples, nominally in [-1, 1] (float files may exceed it), at `sampleRate`. */
  samples: Float32Array;
  /** Hz, as the header states. */
  sampleRate: number;
  channels: number;
  /** e.g. 'pcm16', 'float32'. */
  encoding: string;
  /** What was odd about the file but could be worked around. */
  warnings: string[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface Format {
  code: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign: number;
}

/** Decodes a whole WAV file held in memory. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new AttuneError('bad-input', 'not a WAV file (no RIFF/WAVE header)');
  }
  const warnings: string[] = [];
  let format: Format | null = null;
  let data: Uint8Array | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const declared = view.getUint32(at + 4, true);
    const body = at + 8;
    const available = bytes.length - body;
    if (id === 'fmt ') {
      if (declared < 16 || available < 16) throw new AttuneError('bad-input', 'WAV fmt chunk is truncated');
      format = readFormat(view, body, Math.min(declared, available));
    } else if (id === 'data') {
      if (declared > available || declared === 0) {
        warnings.push(`data chunk declares ${declared} bytes but ${available} remain; reading what is there`);
        data = bytes.subarray(body);
        break;
      }
      data = bytes.subarray(body, body + declared);
    }
    if (declared > available) break;
    at = body + declared + (declared % 2); // chunks are padded to an even length
  }
  if (format === null) throw new AttuneError('bad-input', 'WAV file has no fmt chunk');
  if (data === null) throw new AttuneError('bad-input', 'WAV file has no data chunk');
  const { samples, encoding } = toMono(data, format, warnings);
  if (samples.length === 0) throw new AttuneError('bad-input', 'WAV file holds no complete sample frame');
  return { samples, sampleRate: format.sampleRate, channels: format.channels, encoding, warnings };
}

function readFormat(view: DataView, at: number, length: number): Format {
  let code = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bits = view.getUint16(at + 14, true);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first two bytes of its sub-format GUID.
  if (code === FORMAT_EXTENSIBLE) {
    if (length < 26) throw new AttuneError('bad-input', 'WAV extensible fmt chunk is truncated');
    code = view.getUint16(at + 24, true);
  }
  if (channels < 1) throw new AttuneError('bad-input', 'WAV header gives 0 channels');
  if (sampleRate < 1000 || sampleRate > 384_000) {
    throw new AttuneError('bad-input', `WAV sample rate ${sampleRate} Hz is out of range (1–384 kHz)`);
  }
  const supported =
    (code === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) || (code === FORMAT_FLOAT && [32, 64].includes(bits));
  if (!supported) throw new AttuneError('bad-input', `unsupported WAV encoding (format ${code}, ${bits} bits)`);
  return { code, channels, sampleRate, bits, blockAlign };
}

function toMono(data: Uint8Array, f: Format, warnings: string[]): { samples: Float32Array; encoding: string } {
  const width = f.bits / 8;
  // Some writers get blockAlign wrong; the sample width and channel count are what the samples obey.
  const frameBytes = width * f.channels;
  if (f.blockAlign !== frameBytes) warnings.push(`blockAlign ${f.blockAlign} corrected to ${frameBytes}`);
  const frames = Math.floor(data.length / frameBytes);
  if (frames * frameBytes !== data.length) warnings.push('data ends in a partial sample frame; dropped');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(view, f);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < f.channels; c++) sum += read((i * f.channels + c) * width);
    out[i] = sum / f.channels;
  }
  const encoding = `${f.code === FORMAT_FLOAT ? 'float' : 'pcm'}${f.bits}`;
  return { samples: out, encoding };
}

function sampleReader(view: DataView, f: Format): (offset: number) => number {
  if (f.code === FORMAT_FLOAT) {
    return f.bits === 32 ? (o) => view.getFloat32(o, true) : (o) => view.getFloat64(o, true);
  }
  switch (f.bits) {
    case 8:
      return (o) => (view.getUint8(o) - 128) / 128; // 8-bit WAV is unsigned with 128 as zero
    case 16:
      return (o) => view.getInt16(o, true) / 32768;
    case 24:
      return (o) => {
        const v = view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16);
        return v / 8388608;
      };
    default:
      return (o) => view.getInt32(o, true) / 2147483648;
  }
}
