/**
 * Voice figures for `bench`, on a synthetic voiced signal (no research data needed): VAD cost per 32 ms
 * frame, features + classifier cost per second of speech, and the streaming pipeline's total cost per
 * second of audio. CPU time of this process, so other load on the machine inflates it less.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { SileroVad, VAD_FRAME } from '../engine/voice/silero-vad';
import { voiceLike } from '../engine/voice/test-signals';
import { SILERO_MODEL_FILE } from '../engine/voice/voice-models';
import { VoicePipeline } from '../engine/voice/voice-pipeline';
import { MODELS_DIR } from './paths';

export interface VoiceBenchResult {
  modelLoadMs: number;
  vadMsPerFrame: number;
  classifyMsPerSecond: number;
  pipelineMsPerSecond: number;
  lines: string[];
}

const RATE = 16_000;
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

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

    // One untimed call first: the first classification pays for JIT warm-up.
    pipeline.classifier.classify(audio.subarray(0, 2 * RATE));
    c = cpuMs();
    for (let start = 0; start + 2 * RATE <= audio.length; start += 2 * RATE) {
      pipeline.classifier.classify(audio.subarray(start, start + 2 * RATE));
    }
    const classifyMsPerSecond = (cpuMs() - c) / (Math.floor(audio.length / (2 * RATE)) * 2);

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
      `  features+classifier ${classifyMsPerSecond.toFixed(2)} ms per second of speech`,
      `  whole pipeline      ${pipelineMsPerSecond.toFixed(2)} ms per second of audio (100 ms chunks)`,
    ];
    return { modelLoadMs: pipeline.loadMs, vadMsPerFrame, classifyMsPerSecond, pipelineMsPerSecond, lines };
  } finally {
    await pipeline.release();
  }
}
