/**
 * Voice figures for `bench`, on a synthetic voiced signal (no research data needed): VAD cost per 32 ms
 * frame, features + classifiers (logistic model and log-mel CNN, blended) cost per second of speech, and the
 * streaming pipeline's total cost per second of audio. CPU time of this process, so other load on the machine
 * inflates it less.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { SileroVad, VAD_FRAME } from '../../engine/voice/silero-vad';
import { voiceLike } from '../../engine/voice/test-signals';
import { SILERO_MODEL_FILE } from '../../engine/voice/voice-models';
import { VoicePipeline } from '../../engine/voice/voice-pipeline';
import { MODELS_DIR } from '../paths';
import { cpuMs } from './stats';

export interface VoiceBenchResult {
  modelLoadMs: number;
  vadMsPerFrame: number;
  /** Features + logistic model + log-mel CNN + blend. */
  classifyMsPerSecond: number;
  /** The log-mel CNN alone (log-mel included). */
  cnnMsPerSecond: number;
  pipelineMsPerSecond: number;
  lines: string[];
}

const RATE = 16_000;

/** `seconds` of voiced "syllables" with a falling pitch: speech-like enough to keep the VAD and features busy. */
export async function benchVoice(seconds = 20): Promise<VoiceBenchResult> {
  const audio = voiceLike(seconds, { f0: 180, f0End: 120 });
  const pipeline = await VoicePipeline.load({ modelsDir: MODELS_DIR, threads: 1 });
  try {
    const vad = await SileroVad.load(ort, new Uint8Array(readFileSync(join(MODELS_DIR, SILERO_MODEL_FILE))), {
      threads: 1,
    });
    const stream = vad.stream();
    const frames = Math.floor(audio.length / VAD_FRAME);
    let c = cpuMs();
    for (let i = 0; i < frames; i++) await stream.process(audio.subarray(i * VAD_FRAME, (i + 1) * VAD_FRAME));
    const vadMsPerFrame = (cpuMs() - c) / frames;
    await vad.release();

    // One untimed pass over every piece first: in a fresh process the first passes pay for JIT compilation of
    // the feature code (about 20 ms per second of speech instead of 6 here), which a long-running engine pays
    // once; the timed pass is the steady state.
    const pieces = Array.from({ length: Math.floor(audio.length / (2 * RATE)) }, (_, k) =>
      audio.subarray(k * 2 * RATE, (k + 1) * 2 * RATE),
    );
    for (const piece of pieces) await pipeline.classifySegment(piece, null);
    c = cpuMs();
    for (const piece of pieces) await pipeline.classifySegment(piece, null);
    const classifyMsPerSecond = (cpuMs() - c) / (pieces.length * 2);
    c = cpuMs();
    for (const piece of pieces) await pipeline.cnn?.predict(piece);
    const cnnMsPerSecond = (cpuMs() - c) / (pieces.length * 2);

    c = cpuMs();
    const chunk = RATE / 10;
    for (let start = 0; start < audio.length; start += chunk) {
      await pipeline.push(audio.subarray(start, start + chunk), (start / RATE) * 1000);
    }
    await pipeline.flush();
    const pipelineMsPerSecond = (cpuMs() - c) / seconds;

    const lines = [
      `voice on ${seconds} s of synthetic voiced audio, 1 thread (CPU time)`,
      `  model load          ${pipeline.loadMs.toFixed(1)} ms`,
      `  VAD                 ${vadMsPerFrame.toFixed(3)} ms per 32 ms frame`,
      `  features+classifier ${classifyMsPerSecond.toFixed(2)} ms per second of speech (CNN ${cnnMsPerSecond.toFixed(2)})`,
      `  whole pipeline      ${pipelineMsPerSecond.toFixed(2)} ms per second of audio (100 ms chunks)`,
    ];
    return {
      modelLoadMs: pipeline.loadMs,
      vadMsPerFrame,
      classifyMsPerSecond,
      cnnMsPerSecond,
      pipelineMsPerSecond,
      lines,
    };
  } finally {
    await pipeline.release();
  }
}
