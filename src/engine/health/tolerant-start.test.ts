import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HealthProblem } from '../../shared/health';
import { withReadOnlyFolder } from '../store/read-only-folder.test-support';
import { SampleStore } from '../store/samples';
import { sample, tempDir } from '../store/test-helpers';
import { TextClassifier } from '../text/text-classifier';
import { FacePipeline } from '../vision/face-pipeline';
import { VoicePipeline } from '../voice/voice-pipeline';
import { loadPart, openHistory } from './tolerant-start';

const MODELS = join(import.meta.dirname, '..', '..', '..', 'resources', 'models');

describe('openHistory', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('opens a history in memory beside a damaged file, and leaves the file as it was', () => {
    const file = join(temp.dir, 'attune.sqlite');
    const bytes = randomBytes(32 * 1024);
    writeFileSync(file, bytes);
    const problems: HealthProblem[] = [];
    const db = openHistory(file, {}, problems);
    // The live paths still have a store to write to.
    new SampleStore(db).insert([sample(1)]);
    expect(new SampleStore(db).count()).toBe(1);
    expect(db.name).toBe(':memory:');
    db.close();
    expect(problems).toEqual([expect.objectContaining({ part: 'database', kind: 'database-unreadable' })]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('names a read-only data folder', () => {
    const folder = join(temp.dir, 'data');
    mkdirSync(folder);
    const problems: HealthProblem[] = [];
    withReadOnlyFolder(folder, () => openHistory(join(folder, 'attune.sqlite'), {}, problems)).close();
    expect(problems).toEqual([expect.objectContaining({ part: 'database', kind: 'data-folder-read-only' })]);
  });

  it('opens a good file as it is, with no problem', () => {
    const problems: HealthProblem[] = [];
    const db = openHistory(join(temp.dir, 'attune.sqlite'), {}, problems);
    expect(db.name).toBe(join(temp.dir, 'attune.sqlite'));
    db.close();
    expect(problems).toEqual([]);
  });
});

describe('loadPart', () => {
  let temp: ReturnType<typeof tempDir>;
  let models: string;
  beforeAll(() => {
    temp = tempDir('attune-models-');
    models = join(temp.dir, 'models');
    mkdirSync(models);
    for (const name of readdirSync(MODELS)) copyFileSync(join(MODELS, name), join(models, name));
  });
  afterAll(() => temp.remove());

  /** Cuts a copied model file to half its length, as an interrupted download or copy would. */
  const truncate = (name: string): void => {
    const bytes = readFileSync(join(MODELS, name));
    writeFileSync(join(models, name), bytes.subarray(0, bytes.length >> 1));
  };

  it('turns a truncated face model into a face problem (model-corrupt) instead of a failed start', async () => {
    truncate('blazeface-front-128.onnx');
    const problems: HealthProblem[] = [];
    const face = await loadPart('face', () => FacePipeline.load({ modelsDir: models, threads: 1 }), problems);
    expect(face).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ part: 'face', kind: 'model-corrupt' })]);
  });

  it('turns a missing voice model into a voice problem (model-missing)', async () => {
    rmSync(join(models, 'voice-cnn.onnx'));
    const problems: HealthProblem[] = [];
    const voice = await loadPart('voice', () => VoicePipeline.load({ modelsDir: models, threads: 1 }), problems);
    expect(voice).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ part: 'voice', kind: 'model-missing' })]);
  });

  it('turns a truncated text model into a text problem (model-corrupt)', async () => {
    truncate('text-emotion.json');
    const problems: HealthProblem[] = [];
    const file = join(models, 'text-emotion.json');
    expect(await loadPart('text', () => TextClassifier.load(file), problems)).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ part: 'text', kind: 'model-corrupt' })]);
  });

  it('counts anything else a loader throws as a damaged file, and passes a loaded model through', async () => {
    const problems: HealthProblem[] = [];
    expect(await loadPart('voice', () => Promise.reject(new Error('protobuf parsing failed')), problems)).toBeNull();
    expect(problems).toEqual([{ part: 'voice', kind: 'model-corrupt', detail: 'protobuf parsing failed' }]);
    expect(await loadPart('text', () => 42, problems)).toBe(42);
    expect(problems).toHaveLength(1);
  });
});
