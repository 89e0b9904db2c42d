import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from './decode';
import { FacePipeline } from './face-pipeline';
import { cropRgba, solidImage, type RgbaImage } from './image';
import { rejectionKind } from './test-support';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODELS = join(ROOT, 'resources/models');
const sample = async (n: number): Promise<RgbaImage> =>
  decodeImage(await readFile(join(ROOT, `node_modules/@vladmandic/face-api/demo/sample${n}.jpg`)));

describe('FacePipeline on real photos', () => {
  let pipeline: FacePipeline;
  let photos: RgbaImage[] = [];
  /** 640×480 webcam-like frames around two plainly smiling faces (looked at by eye). */
  let smiles: { name: string; frame: RgbaImage }[] = [];

  beforeAll(async () => {
    pipeline = await FacePipeline.load({ modelsDir: MODELS, ort });
    photos = await Promise.all([1, 2, 3, 4, 5, 6].map(sample));
    smiles = [
      // sample3: the woman on the right, broad open smile with teeth.
      { name: 'sample3 right', frame: cropRgba(photos[2] ?? solidImage(1, 1, [0, 0, 0]), 1280, 180, 640, 480) },
      // sample1: the red-haired woman on the right, laughing with open mouth.
      { name: 'sample1 right', frame: cropRgba(photos[0] ?? solidImage(1, 1, [0, 0, 0]), 1280, 100, 640, 480) },
    ];
  });

  afterAll(async () => {
    await pipeline.release();
  });

  it('loads in measurable time', () => {
    expect(pipeline.loadMs).toBeGreaterThan(0);
  });

  it('finds at least one face in each of face-api sample1…6', async () => {
    for (const [i, photo] of photos.entries()) {
      const a = await pipeline.analyse(photo, i * 10_000);
      expect(a.detected, `sample${i + 1}`).toBe(true);
      expect(a.observation.faceCount, `sample${i + 1}`).toBeGreaterThanOrEqual(1);
      expect(a.observation.probs).not.toBeNull();
      expect(a.observation.face?.score).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('classifies the plainly smiling faces as happy', async () => {
    for (const { name, frame } of smiles) {
      const o = await pipeline.process(frame, 0);
      expect(o.label, name).toBe('happy');
      expect(o.probs?.happy, name).toBeGreaterThan(0.5);
      expect(o.valence, name).toBeGreaterThan(0.3);
      expect(o.flags, name).toEqual([]);
      expect(o.faceCount, name).toBe(1);
      expect(Object.keys(o.timings).sort()).toEqual(['align', 'detect', 'expression', 'total']);
      expect(o.timings.total).toBeGreaterThanOrEqual(o.timings.detect ?? Infinity);
    }
  });

  it('places the face box and eyes where the face is', async () => {
    const a = await pipeline.analyse(smiles[0]?.frame ?? solidImage(1, 1, [0, 0, 0]), 0);
    const face = a.observation.face;
    // By eye in the 640×480 frame: the face spans about x 200–410, y 160–390, eyes near y 230.
    expect(face?.x).toBeGreaterThan(150);
    expect((face?.x ?? 0) + (face?.width ?? 0)).toBeLessThan(460);
    const [re, le] = a.detection?.keypoints ?? [];
    expect(re && le && re.x < le.x).toBe(true); // subject's right eye on the image left
    expect(Math.abs((re?.y ?? 0) - 230)).toBeLessThan(30);
  });

  it('agrees with each model alone, and with flip averaging', async () => {
    for (const models of [['human'], ['faceapi'], ['attune']] as const) {
      const single = await FacePipeline.load({ modelsDir: MODELS, ort, models: [...models], flip: true });
      try {
        for (const { name, frame } of smiles) {
          expect((await single.process(frame, 0)).label, `${models[0]} ${name}`).toBe('happy');
        }
      } finally {
        await single.release();
      }
    }
  });

  it('reports a frame without a face, or classifies the whole image when asked', async () => {
    const blank = solidImage(640, 480, [90, 90, 90]);
    const o = await pipeline.process(blank, 0);
    expect(o).toMatchObject({
      faceCount: 0,
      face: null,
      probs: null,
      label: 'unknown',
      quality: 0,
      flags: ['no-face'],
    });
    const whole = await FacePipeline.load({ modelsDir: MODELS, ort, models: ['human'], wholeImageFallback: true });
    try {
      const a = await whole.analyse(solidImage(48, 48, [90, 90, 90]), 0);
      expect(a.detected).toBe(false);
      expect(a.observation.faceCount).toBe(0);
      expect(a.observation.flags[0]).toBe('no-face');
      expect(a.observation.face).toMatchObject({ x: 0, y: 0, width: 48, height: 48, score: 0 });
      expect(a.observation.probs).not.toBeNull();
    } finally {
      await whole.release();
    }
  });

  it("classifies a small pre-cropped image whole with cropMode 'whole-image-if-small'", async () => {
    const small = await FacePipeline.load({ modelsDir: MODELS, ort, cropMode: 'whole-image-if-small' });
    try {
      const face = solidImage(48, 48, [90, 90, 90]);
      const a = await small.analyse(face, 0);
      expect(a).toMatchObject({ detected: false, source: 'small-image', detection: null });
      expect(a.crop).toEqual({ centre: { x: 24, y: 24 }, side: 48, angle: 0 });
      expect(a.observation.flags).not.toContain('no-face');
      expect(a.observation.timings.detect).toBeLessThan(5); // no detector run
      expect([...a.members.keys()].sort()).toEqual(['attune', 'faceapi', 'human']);
      // A large frame is still searched: the blank one has no face.
      expect((await small.analyse(solidImage(640, 480, [90, 90, 90]), 1)).source).toBe('none');
    } finally {
      await small.release();
    }
  });

  it('combines the models with the fitted stacker unless weights are given', async () => {
    expect([...(pipeline.stacker?.models ?? [])].sort()).toEqual(['attune', 'faceapi', 'human']);
    const weighted = await FacePipeline.load({
      modelsDir: MODELS,
      ort,
      models: ['human', 'faceapi'],
      weights: { human: 0.7, faceapi: 0.3 },
    });
    const single = await FacePipeline.load({ modelsDir: MODELS, ort, models: ['human'] });
    try {
      expect(weighted.stacker).toBeNull();
      expect(single.stacker).toBeNull(); // fitted on all three models, so not used for one
      const a = await weighted.analyse(smiles[0]?.frame ?? solidImage(1, 1, [0, 0, 0]), 0);
      const h = a.members.get('human')?.probs.happy ?? 0;
      const f = a.members.get('faceapi')?.probs.happy ?? 0;
      expect(a.observation.probs?.happy).toBeCloseTo(0.7 * h + 0.3 * f, 5);
    } finally {
      await weighted.release();
      await single.release();
    }
  });

  it("rejects malformed frames as 'bad-input' and keeps working", async () => {
    expect(await rejectionKind(pipeline.process({ width: 0, height: 0, data: new Uint8Array(0) }, 0))).toBe(
      'bad-input',
    );
    expect(await rejectionKind(pipeline.process({ width: 4, height: 4, data: new Uint8Array(10) }, 0))).toBe(
      'bad-input',
    );
    const huge = { width: 5000, height: 1, data: new Uint8Array(5000 * 4) };
    expect(await rejectionKind(pipeline.process(huge, 0))).toBe('bad-input');
    expect((await pipeline.process(smiles[0]?.frame ?? solidImage(1, 1, [0, 0, 0]), 1)).label).toBe('happy');
  });
});

describe('FacePipeline.load failures', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-face-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is 'model-missing' without a manifest or with a file absent", async () => {
    expect(await rejectionKind(FacePipeline.load({ modelsDir: join(dir, 'none'), ort }))).toBe('model-missing');
    const manifest = await readFile(join(MODELS, 'manifest.json'), 'utf8');
    await writeFile(join(dir, 'manifest.json'), manifest);
    expect(await rejectionKind(FacePipeline.load({ modelsDir: dir, ort }))).toBe('model-missing');
  });

  it("is 'model-missing' / 'model-corrupt' for an absent or malformed stacker file", async () => {
    const other = join(dir, 'stacker');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'manifest.json'), await readFile(join(MODELS, 'manifest.json'), 'utf8'));
    const files = [
      'blazeface-front-128.onnx',
      'expression-human.onnx',
      'expression-faceapi.onnx',
      'expression-attune.onnx',
    ];
    for (const file of files) {
      await copyFile(join(MODELS, file), join(other, file));
    }
    expect(await rejectionKind(FacePipeline.load({ modelsDir: other, ort }))).toBe('model-missing');
    await writeFile(join(other, 'expression-stacker.json'), '{"format": "attune-expression-stacker"}');
    expect(await rejectionKind(FacePipeline.load({ modelsDir: other, ort }))).toBe('model-corrupt');
    const ok = await FacePipeline.load({ modelsDir: other, ort, stacker: false });
    expect(ok.stacker).toBeNull();
    await ok.release();
  });

  it("is 'model-corrupt' when a file does not match the manifest", async () => {
    await writeFile(join(dir, 'manifest.json'), await readFile(join(MODELS, 'manifest.json'), 'utf8'));
    await writeFile(join(dir, 'blazeface-front-128.onnx'), 'garbage');
    expect(await rejectionKind(FacePipeline.load({ modelsDir: dir, ort }))).toBe('model-corrupt');
  });
});
