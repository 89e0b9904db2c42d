/**
 * Audio for `analyze --audio`: a WAV file, cleaned and resampled to the pipeline's 16 kHz mono by the same
 * code the engine uses for files (voice/audio-input.ts), then cut into the 100 ms chunks the live capture
 * page posts.
 */
import { readFile } from 'node:fs/promises';
import { PIPELINE_RATE, prepareAudio } from '../../engine/voice/audio-input';
import { decodeWav } from '../../engine/voice/wav';
import { inputFileError } from './file-errors';

/** Length of one chunk, ms: what the capture page sends. */
export const AUDIO_CHUNK_MS = 100;

export interface AudioChunk {
  /** Media time of the chunk's first sample, ms. */
  t: number;
  /** 16 kHz mono samples (a view into the whole clip; the last chunk may be shorter). */
  pcm: Float32Array;
}

export interface AudioClip {
  chunks: AudioChunk[];
  /** Length of the clip at 16 kHz, ms. */
  durationMs: number;
  /** What the WAV decoder worked around. */
  warnings: string[];
}

/** Cuts 16 kHz samples into {@link AUDIO_CHUNK_MS} chunks. */
export function chunkAudio(pcm: Float32Array): AudioChunk[] {
  const size = (PIPELINE_RATE * AUDIO_CHUNK_MS) / 1000;
  const chunks: AudioChunk[] = [];
  for (let start = 0; start < pcm.length; start += size) {
    chunks.push({ t: (start * 1000) / PIPELINE_RATE, pcm: pcm.subarray(start, start + size) });
  }
  return chunks;
}

/** Decodes a WAV held in memory into chunks. Throws AttuneError('bad-input') for a file that is not WAV. */
export function audioClipFromWav(bytes: Uint8Array): AudioClip {
  const wav = decodeWav(bytes);
  const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
  return { chunks: chunkAudio(pcm), durationMs: (pcm.length * 1000) / PIPELINE_RATE, warnings: wav.warnings };
}

/** Reads a WAV file (whole: decodeWav needs it in memory; an hour of 16 kHz mono is 115 MB). */
export async function readAudioClip(path: string): Promise<AudioClip> {
  const bytes = await readFile(path).catch((err: unknown) => {
    throw inputFileError(path, err);
  });
  return audioClipFromWav(bytes);
}
