/**
 * eval:ci check for the voice activity detector on ../shared/media/speech-8-emotions-16k.wav (one speaker,
 * 8 sentences, research data: never copied into the project). Each timeline row must be matched by exactly
 * one detected segment whose start and end lie within 200 ms of the audible extent of that row's sentence
 * (see speech-extent.ts), and no segment may cover two rows. Also reports the VAD's cost per 32 ms frame.
 *
 *   npm run -s attune -- eval vad [--shared ../shared] [--model resources/models/silero-vad-v6.onnx]
 *
 * Exit status 0 when every sentence passes, 1 otherwise or when the data is absent (2 is for usage errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { prepareAudio } from '../../engine/voice/audio-input';
import { SileroVad } from '../../engine/voice/silero-vad';
import { SpeechDetector } from '../../engine/voice/speech-detector';
import { decodeWav } from '../../engine/voice/wav';
import type { CliIo } from '../args/command';
import type { EvalVadArgs } from './options';
import { speechExtent } from './speech-extent';

const TOLERANCE_S = 0.2;

export async function runCheckVad(args: EvalVadArgs, io: CliIo): Promise<number> {
  const line = (s: string): void => io.stdout(`${s}\n`);
  const shared = resolve(args.shared);
  const modelPath = resolve(args.model);
  const wavPath = join(shared, 'media/speech-8-emotions-16k.wav');
  const timelinePath = join(shared, 'media/speech-8-emotions-timeline.csv');
  if (!existsSync(wavPath) || !existsSync(timelinePath)) {
    io.stderr(`attune eval vad: ${wavPath} or its timeline is missing\n`);
    return 1;
  }

  const wav = decodeWav(new Uint8Array(readFileSync(wavPath)));
  const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
  const rows = readFileSync(timelinePath, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .map(([start, end, label]) => ({ start: Number(start), end: Number(end), label: label ?? '?' }));

  const vad = await SileroVad.load(ort, new Uint8Array(readFileSync(modelPath)), { threads: 1 });
  const detector = new SpeechDetector(vad.stream(), {}, true);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const segments = [...(await detector.push(pcm)), ...detector.flush()];
  const msPerFrame = (performance.now() - t0) / detector.probabilities.length;
  const cpu = process.cpuUsage(cpu0);
  const cpuPerFrame = (cpu.user + cpu.system) / 1000 / detector.probabilities.length;
  await vad.release();

  let failures = 0;
  const fmt = (x: number) => x.toFixed(3).padStart(7);
  line(`model ${modelPath}`);
  line('label       timeline span      speech extent      detected           Δstart  Δend   result');
  for (const row of rows) {
    const extent = speechExtent(pcm, 16_000, row);
    const hits = segments.filter((s) => s.end > row.start && s.start < row.end);
    const hit = hits.length === 1 ? hits[0] : undefined;
    const straddles = hit !== undefined && rows.some((r) => r !== row && hit.end > r.start && hit.start < r.end);
    let result = 'ok';
    let dStart = NaN;
    let dEnd = NaN;
    if (extent === null) result = 'FAIL (silent span)';
    else if (hit === undefined) result = `FAIL (${hits.length} segments)`;
    else {
      dStart = hit.start - extent.start;
      dEnd = hit.end - extent.end;
      if (straddles) result = 'FAIL (segment covers two sentences)';
      else if (Math.abs(dStart) > TOLERANCE_S || Math.abs(dEnd) > TOLERANCE_S) result = 'FAIL (> 200 ms)';
    }
    if (result !== 'ok') failures++;
    const ext = extent ? `${fmt(extent.start)}–${fmt(extent.end)}` : '       –       ';
    const det = hit ? `${fmt(hit.start)}–${fmt(hit.end)}` : '       –       ';
    const ms = (x: number) => (Number.isNaN(x) ? '    –' : `${Math.round(x * 1000)}`.padStart(5));
    line(
      `${row.label.padEnd(10)} ${fmt(row.start)}–${fmt(row.end)} ${ext} ${det} ${ms(dStart)} ${ms(dEnd)}  ${result}`,
    );
  }
  line(`segments detected: ${segments.length}; sentences passing: ${rows.length - failures}/${rows.length}`);
  line(
    `VAD cost per 32 ms frame: ${msPerFrame.toFixed(3)} ms wall, ${cpuPerFrame.toFixed(3)} ms CPU ` +
      `(${detector.probabilities.length} frames, 1 thread, segmenter and trimming included)`,
  );
  return failures === 0 ? 0 : 1;
}
