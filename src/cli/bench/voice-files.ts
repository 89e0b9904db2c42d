/**
 * Measures the voice pipeline end to end on RAVDESS's held-out actors 17–20 (research data in ../shared):
 * model load time, VAD cost per 32 ms frame, features + classifiers (logistic and CNN) cost per second of speech
 * (CPU time of this process, so other load on the machine does not inflate it), and file-level accuracy through
 * predictVoiceFile (VAD → segments → classify without a baseline → duration-weighted mean).
 *
 *   npm run -s attune -- bench voice-files [--data ../shared/datasets/ravdess] [--actors 17-20]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalLabel, type Emotion } from '../../shared/labels';
import { prepareAudio } from '../../engine/voice/audio-input';
import { predictVoiceFile } from '../../engine/voice/voice-eval';
import { VoicePipeline } from '../../engine/voice/voice-pipeline';
import { decodeWav } from '../../engine/voice/wav';
import { cpuMs } from './stats';
import type { CliIo } from '../args/command';
import type { VoiceFilesArgs } from './options';

export async function runVoiceFilesBench(args: VoiceFilesArgs, io: CliIo): Promise<number> {
  const line = (s: string): void => io.stdout(`${s}\n`);
  const dataDir = resolve(args.data);
  const [lo, hi] = args.actors;

  const t0 = performance.now();
  const pipeline = await VoicePipeline.load({ modelsDir: resolve('resources/models'), threads: 1 });
  line(`load: ${(performance.now() - t0).toFixed(1)} ms wall (pipeline.loadMs ${pipeline.loadMs.toFixed(1)})`);

  const rows = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const items = rows
    .map((r) => r.split(','))
    .filter(([, , actor]) => Number(actor) >= lo && Number(actor) <= hi)
    .map(([path = '', label = '']) => ({ path: join(dataDir, path), label: canonicalLabel(label) as Emotion }));

  // Cost of features + classifiers (logistic, log-mel CNN, blend) alone, on whole clips (speech with 0.25 s
  // margins); the first clip is classified once untimed (JIT and session warm-up).
  let speechS = 0;
  let classifyCpu = 0;
  let cnnCpu = 0;
  for (const [k, item] of items.slice(0, 61).entries()) {
    const wav = decodeWav(new Uint8Array(readFileSync(item.path)));
    const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
    const c = cpuMs();
    const cnnProbs = pipeline.cnn ? await pipeline.cnn.predict(pcm) : null;
    const c1 = cpuMs();
    pipeline.classifier.classify(pcm, null, cnnProbs);
    if (k === 0) continue;
    classifyCpu += cpuMs() - c;
    cnnCpu += c1 - c;
    speechS += pcm.length / 16_000;
  }
  line(
    `features + classifiers: ${(classifyCpu / speechS).toFixed(2)} CPU-ms per second of audio, of which the CNN ` +
      `${(cnnCpu / speechS).toFixed(2)} (${speechS.toFixed(0)} s)`,
  );

  // Some RAVDESS files are 0.5 s of digital zeros: reported apart, since no detector could label them.
  const tally = () => ({ n: 0, correct: 0, n4: 0, correct4: 0, undetected: 0 });
  const all = tally();
  const audible = tally();
  const four: Emotion[] = ['neutral', 'happy', 'sad', 'angry'];
  const c0 = cpuMs();
  const w0 = performance.now();
  for (const item of items) {
    const p = await predictVoiceFile(pipeline, item.path);
    const silent = decodeWav(new Uint8Array(readFileSync(item.path))).samples.every((v) => Math.abs(v) < 1e-4);
    for (const t of silent ? [all] : [all, audible]) {
      t.n++;
      if (p.label === null) t.undetected++;
      if (p.label === item.label) t.correct++;
      if (four.includes(item.label)) {
        t.n4++;
        const best = four.reduce((b, l) => ((p.probs?.[l] ?? 0) > (p.probs?.[b] ?? 0) ? l : b));
        if (p.probs !== null && best === item.label) t.correct4++;
      }
    }
  }
  for (const [name, t] of [
    ['all files', all],
    ['audible files', audible],
  ] as const) {
    line(
      `${name} (actors ${lo}–${hi}): n ${t.n}, no speech found in ${t.undetected} (counted wrong); ` +
        `7-class accuracy ${(t.correct / t.n).toFixed(3)}; 4-class (argmax among the four) ${(t.correct4 / t.n4).toFixed(3)} (n ${t.n4})`,
    );
  }
  const perFile = (cpuMs() - c0) / items.length;
  line(
    `per file (decode twice, VAD, features, classifier): ${perFile.toFixed(1)} CPU-ms, ${((performance.now() - w0) / items.length).toFixed(1)} wall-ms`,
  );
  await pipeline.release();
  return 0;
}
