/**
 * A speech fixture for the fake microphone, synthesised with espeak-ng at test time (no committed media):
 * a few sentences (or the lines a test asks for) with pauses between them, as 16 kHz mono 16-bit PCM WAV.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resample } from '../../../src/engine/voice/resample';
import { decodeWav } from '../../../src/engine/voice/wav';

const RATE = 16_000;

export const SENTENCES = [
  'Good morning. I had a quiet walk to work today and the coffee was fine.',
  'The meeting ran a little long, but we finished the plan for next week.',
  'Now I am going to read my messages and then take a short break.',
];

/** One spoken line: its words and espeak-ng's pitch (0-99, default 50) and speed (words a minute, default 150). */
export interface Line {
  text: string;
  pitch?: number;
  speed?: number;
}

export interface SpeechOptions {
  /** Quiet after each line, s (default 1.5). */
  silenceS?: number;
  /** Quiet before the first line, s (default 2). */
  leadS?: number;
  /** What is said (default SENTENCES at espeak-ng's default pitch, 150 words a minute). */
  lines?: readonly (string | Line)[];
}

/** Writes `path` and returns it. Throws when espeak-ng is missing (apt-get install -y espeak-ng). */
export function writeSpeechWav(
  path: string,
  { silenceS = 1.5, leadS = 2, lines = SENTENCES }: SpeechOptions = {},
): string {
  const parts: Float32Array[] = [new Float32Array(Math.round(leadS * RATE))];
  lines.forEach((line, i) => {
    const { text, pitch = 50, speed = 150 } = typeof line === 'string' ? { text: line } : line;
    const tmp = `${path}.${i}.tmp.wav`;
    execFileSync('espeak-ng', ['-v', 'en', '-p', String(pitch), '-s', String(speed), '-w', tmp, text], {
      stdio: 'pipe',
    });
    const wav = decodeWav(new Uint8Array(readFileSync(tmp)));
    rmSync(tmp);
    parts.push(resample(wav.samples, wav.sampleRate, RATE), new Float32Array(Math.round(silenceS * RATE)));
  });
  const total = parts.reduce((n, p) => n + p.length, 0);
  const pcm = new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    pcm.set(p, at);
    at += p.length;
  }
  writeFileSync(path, encodeWav16(pcm, RATE));
  return path;
}

export function speechWavPath(fixtures: string): string {
  return join(fixtures, 'speech.wav');
}

/** Mono 16-bit PCM WAV: the 44-byte canonical header, then little-endian samples. */
export function encodeWav16(pcm: Float32Array, rate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm.length * 2);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + pcm.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, pcm.length * 2, true);
  pcm.forEach((v, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true));
  return out;
}
