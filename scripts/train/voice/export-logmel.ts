/**
 * Dumps what scripts/train/voice-cnn.py learns from: every RAVDESS clip of actors 01–16 (never the test actors)
 * goes through the engine's own pipeline exactly as `eval voice` runs it (decode → prepareAudio → Silero VAD →
 * segments), and for each segment this writes the engine's log-mel matrix (log-mel.ts) plus the logistic
 * model's out-of-fold probabilities (fold models trained as scripts/train/voice.ts trains the shipped one, with
 * its hyper-parameters), so the CNN and the blend weight can be cross-validated on the pipeline's own units.
 *
 *   npx tsx scripts/train/voice/export-logmel.ts [--data ../shared/datasets/ravdess] [--out .cache/train/voice-logmel]
 *
 * Writes `<out>/logmel.f32` (all segments' frames × 40 float32, concatenated) and `<out>/index.json`. The
 * cache is data-derived: it stays under .cache/ (gitignored) and is never committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalLabel, type Emotion } from '../../../src/shared/labels';
import { mulberry32 } from '../../../src/engine/sim/prng';
import { PIPELINE_RATE, prepareAudio } from '../../../src/engine/voice/audio-input';
import { FEATURE_NAMES } from '../../../src/engine/voice/features';
import { LogMelAnalyser } from '../../../src/engine/voice/log-mel';
import { readModelFile } from '../../../src/engine/models/onnx-model';
import { SileroVad } from '../../../src/engine/voice/silero-vad';
import { VoiceClassifier } from '../../../src/engine/voice/voice-classifier';
import { SILERO_MODEL_FILE, SILERO_MODEL_SHA256, VOICE_EMOTION_FILE } from '../../../src/engine/voice/voice-models';
import { VoicePipeline } from '../../../src/engine/voice/voice-pipeline';
import { decodeWav } from '../../../src/engine/voice/wav';
import { argValue as arg } from '../../args';
import { loadClips } from './data';
import { predict, train, type Hyper, type Trained } from './protocol';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(arg('--data', '../shared/datasets/ravdess'));
const outDir = resolve(arg('--out', '.cache/train/voice-logmel'));
const modelsDir = join(root, 'resources/models');

interface SegmentRow {
  start: number;
  end: number;
  /** Offset into logmel.f32, in frames. */
  offset: number;
  frames: number;
  /** Out-of-fold logistic probabilities (EMOTIONS order): no baseline, and with the running baseline. */
  lrGlobal: number[];
  lrRunning: number[];
}
interface ClipRow {
  path: string;
  label: Emotion;
  actor: number;
  intensity: number;
  silent: boolean;
  segments: SegmentRow[];
}

const shipped = JSON.parse(readFileSync(join(modelsDir, 'voice-emotion.json'), 'utf8')) as {
  provenance: { hyper: Hyper };
};
const hyper = shipped.provenance.hyper;
const clips = loadClips(dataDir, root, console.log).filter((c) => c.actor <= 16 && c.activeS >= 0.3);
const folds = [0, 1, 2, 3].map((k) => [4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4]);
const foldModels = new Map<number, Trained>();
for (const held of folds) {
  const m = train(
    clips.filter((c) => !held.includes(c.actor)),
    hyper,
  );
  for (const a of held) foldModels.set(a, m);
}
console.log(`fold models trained with ${JSON.stringify(hyper)}`);

// The logistic model alone (no CNN: this feeds the CNN's training); the VAD as the pipeline loads it.
const ort = await import('onnxruntime-node');
const vad = await SileroVad.load(ort, await readModelFile(join(modelsDir, SILERO_MODEL_FILE)), {
  threads: 1,
  sha256: SILERO_MODEL_SHA256,
});
const pipeline = VoicePipeline.fromParts(vad, VoiceClassifier.load(join(modelsDir, VOICE_EMOTION_FILE)));
const analyser = new LogMelAnalyser();
const rows = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
const out: ClipRow[] = [];
const chunks: Float32Array[] = [];
const features = new Map<SegmentRow, Float64Array>();
let offset = 0;
for (const row of rows) {
  const [path = '', original = '', actor = '', intensity = ''] = row.split(',');
  const label = canonicalLabel(original);
  if (label === undefined || Number(actor) > 16) continue;
  const wav = decodeWav(new Uint8Array(readFileSync(join(dataDir, path))));
  const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
  const { segments } = await pipeline.analyseFile(wav.samples, wav.sampleRate);
  const clip: ClipRow = {
    path,
    label,
    actor: Number(actor),
    intensity: Number(intensity),
    silent: wav.samples.every((v) => Math.abs(v) < 1e-4),
    segments: [],
  };
  const model = foldModels.get(clip.actor);
  for (const s of segments) {
    const lm = analyser.compute(pcm.subarray(Math.round(s.start * PIPELINE_RATE), Math.round(s.end * PIPELINE_RATE)));
    chunks.push(lm.data);
    const seg: SegmentRow = {
      start: s.start,
      end: s.end,
      offset,
      frames: lm.frames,
      lrGlobal: model ? Array.from(predict(model, hyper, s.result.features, null)) : [],
      lrRunning: [],
    };
    features.set(seg, s.result.features);
    offset += lm.frames;
    clip.segments.push(seg);
  }
  out.push(clip);
  if (out.length % 200 === 0) console.log(`  ${out.length} clips`);
}
await pipeline.release();

// The running baseline, as the app builds it live: each actor's clips in a seeded random order, every segment
// judged against the mean of the segments before it, then added.
for (let actor = 1; actor <= 16; actor++) {
  const model = foldModels.get(actor);
  const rand = mulberry32(actor);
  const order = out
    .filter((c) => c.actor === actor)
    .map((c) => ({ c, r: rand() }))
    .sort((a, b) => a.r - b.r)
    .map((o) => o.c);
  const sum = new Float64Array(FEATURE_NAMES.length);
  let n = 0;
  for (const seg of order.flatMap((c) => c.segments)) {
    const f = features.get(seg) ?? new Float64Array(FEATURE_NAMES.length);
    const b = { mean: sum.map((v) => (n > 0 ? v / n : 0)), n };
    if (model) seg.lrRunning = Array.from(predict(model, hyper, f, b));
    f.forEach((v, j) => (sum[j] = (sum[j] ?? 0) + v));
    n++;
  }
}

mkdirSync(outDir, { recursive: true });
const all = new Float32Array(offset * 40);
let at = 0;
for (const c of chunks) {
  all.set(c, at);
  at += c.length;
}
writeFileSync(join(outDir, 'logmel.f32'), all);
writeFileSync(join(outDir, 'index.json'), JSON.stringify({ bands: 40, hopS: 0.01, clips: out }));
console.log(`wrote ${out.length} clips, ${offset} frames to ${outDir}`);
