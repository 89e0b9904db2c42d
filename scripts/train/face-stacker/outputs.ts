/**
 * The expression models' outputs on the face sets the stacker is chosen and reported on, one model at a time
 * and cached per (set, model file's sha256): retraining one model re-runs only that model.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMOTIONS, probsToVector } from '../../../src/shared/labels';
import { decodeImage } from '../../../src/engine/vision/decode';
import { FacePipeline } from '../../../src/engine/vision/face-pipeline';
import type { ExpressionModelId } from '../../../src/engine/vision/expression';
import { loadDataset, type LabelledItem } from '../../../src/cli/eval/dataset';

/** One labelled face set as the pipeline reads it: whole 48×48 images ('whole-image-if-small'). */
export interface FaceSet {
  name: string;
  /** A folder or labels.csv, as `eval faces` takes it. */
  path: string;
  split?: string;
  /** A labels.csv column naming who is shown (CK+ `subject`), kept for subject-wise splits. */
  subjectColumn?: string;
}

/** Per image: label index in EMOTIONS, subject ('' when none), and per model [crop, mirror] distributions. */
export interface Sample {
  y: number;
  subject: string;
  views: number[][][]; // [model][view][class]
}

interface CacheFile {
  set: string;
  model: string;
  sha256: string;
  labels: number[];
  subjects: string[];
  views: number[][][]; // [image][view][class]
}

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function runModel(modelsDir: string, id: ExpressionModelId, items: LabelledItem[]): Promise<number[][][]> {
  const pipeline = await FacePipeline.load({
    modelsDir,
    models: [id],
    stacker: false,
    flip: true,
    cropMode: 'whole-image-if-small',
    wholeImageFallback: true,
  });
  const views: number[][][] = [];
  try {
    for (const [i, item] of items.entries()) {
      // Images are unrelated: times an hour apart keep the tracker from carrying a face across them.
      const a = await pipeline.analyse(decodeImage(await readFile(item.path)), i * 3_600_000);
      views.push((a.members.get(id)?.views ?? []).map(probsToVector));
    }
  } finally {
    await pipeline.release();
  }
  return views;
}

/** Every model's outputs on `set`, from `cacheDir` where that model file's outputs are already there. */
export async function setOutputs(
  set: FaceSet,
  models: readonly ExpressionModelId[],
  modelsDir: string,
  cacheDir: string,
): Promise<Sample[]> {
  mkdirSync(cacheDir, { recursive: true });
  const data = await loadDataset(set.path, { split: set.split, speakerColumn: set.subjectColumn });
  const perModel: CacheFile[] = [];
  for (const id of models) {
    const sha = sha256Of(join(modelsDir, `expression-${id}.onnx`));
    const file = join(cacheDir, `${set.name.replace(/[^a-z0-9]+/gi, '-')}-${id}-${sha.slice(0, 12)}.json`);
    if (existsSync(file)) {
      perModel.push(JSON.parse(readFileSync(file, 'utf8')) as CacheFile);
      continue;
    }
    const began = Date.now();
    const out: CacheFile = {
      set: set.name,
      model: id,
      sha256: sha,
      labels: data.items.map((it) => EMOTIONS.indexOf(it.label)),
      subjects: data.items.map((it) => it.speaker ?? ''),
      views: await runModel(modelsDir, id, data.items),
    };
    console.log(`${set.name}: ${id} on ${data.items.length} images, ${((Date.now() - began) / 1000).toFixed(0)} s`);
    writeFileSync(file, JSON.stringify(out));
    perModel.push(out);
  }
  const first = perModel[0];
  if (!first) return [];
  return first.labels.map((y, i) => ({
    y,
    subject: first.subjects[i] ?? '',
    views: perModel.map((m) => m.views[i] ?? []),
  }));
}

/**
 * Splits by subject into two halves, whole subjects (and so whole sequences) on one side: subjects sorted by
 * name, alternately to `dev` and `heldOut`. Deterministic and independent of the models.
 */
export function splitBySubject(samples: readonly Sample[]): { dev: Sample[]; heldOut: Sample[] } {
  const subjects = [...new Set(samples.map((s) => s.subject))].sort();
  const dev = new Set(subjects.filter((_, i) => i % 2 === 0));
  return { dev: samples.filter((s) => dev.has(s.subject)), heldOut: samples.filter((s) => !dev.has(s.subject)) };
}
