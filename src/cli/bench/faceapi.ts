/**
 * face-api's own pipeline for `bench`, run side by side with ours: @vladmandic/face-api's ESM bundle on
 * @tensorflow/tfjs 4.22's pure-JS CPU backend (one thread, as JS runs), TinyFaceDetector (input 416, score
 * 0.5, face-api's defaults) then faceExpressionNet on the detected face. Dev dependencies only: the app
 * never loads this.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TfModule from '@tensorflow/tfjs';
import type { RgbaImage } from '../../engine/vision/image';
import { FACE_API_SAMPLES } from '../paths';

type Tf = typeof TfModule;

interface Net {
  loadFromWeightMap(map: Record<string, unknown>): void;
}

/** The part of face-api's bundle the bench uses (its bundled .d.ts does not resolve under our settings). */
interface FaceapiModule {
  tf: Tf;
  nets: { tinyFaceDetector: Net; faceExpressionNet: Net };
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => unknown;
  detectSingleFace(
    input: unknown,
    options: unknown,
  ): { withFaceExpressions(): Promise<{ expressions: Record<string, number> } | undefined> };
}

/**
 * face-api's bundle carries its own tfjs copy sharing @tensorflow/tfjs's global engine and flags. Its Node
 * platform cannot start under ESM, so while it loads the env claims to be a browser (whose platform only needs
 * fetch and TextEncoder, both in Node); flag and platform are restored afterwards. Its kernels are already
 * registered by @tensorflow/tfjs (same code), so the few hundred warnings saying so are silenced.
 */
async function importFaceapi(tf: Tf): Promise<FaceapiModule> {
  const env = tf.env();
  const { platform, platformName } = env;
  const wasBrowser = env.getBool('IS_BROWSER');
  env.set('IS_BROWSER', true);
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return (await import('@vladmandic/face-api/dist/face-api.esm.js')) as unknown as FaceapiModule;
  } finally {
    env.set('IS_BROWSER', wasBrowser);
    env.setPlatform(platformName, platform);
    console.warn = warn;
  }
}

async function weightMap(tf: Tf, name: string): Promise<Record<string, unknown>> {
  const dir = join(FACE_API_SAMPLES, '..', 'model');
  const manifest = JSON.parse(await readFile(join(dir, `${name}-weights_manifest.json`), 'utf8')) as {
    weights: Parameters<Tf['io']['decodeWeights']>[1];
  }[];
  const bin = await readFile(join(dir, `${name}.bin`));
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.io.decodeWeights(
    buffer,
    manifest.flatMap((g) => g.weights),
  );
}

export interface FaceapiRunner {
  /** One frame through detection and expression; the answer's top label, or null when no face was found. */
  run(frame: RgbaImage): Promise<string | null>;
  loadMs: number;
}

export async function loadFaceapi(): Promise<FaceapiRunner> {
  const started = performance.now();
  const tf = await import('@tensorflow/tfjs');
  const fa = await importFaceapi(tf);
  // PROD silences tfjs's console advice to install tfjs-node (the comparison is with the pure-JS backend).
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
  fa.nets.tinyFaceDetector.loadFromWeightMap(await weightMap(tf, 'tiny_face_detector_model'));
  fa.nets.faceExpressionNet.loadFromWeightMap(await weightMap(tf, 'face_expression_model'));
  const options = new fa.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });
  const loadMs = performance.now() - started;
  return {
    loadMs,
    async run(frame) {
      // RGBA → RGB int32 tensor: what face-api makes of a video element in the browser (timed with it).
      const rgb = new Int32Array(frame.width * frame.height * 3);
      for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
        rgb[j] = frame.data[i] ?? 0;
        rgb[j + 1] = frame.data[i + 1] ?? 0;
        rgb[j + 2] = frame.data[i + 2] ?? 0;
      }
      const input = tf.tensor3d(rgb, [frame.height, frame.width, 3], 'int32');
      try {
        const result = await fa.detectSingleFace(input, options).withFaceExpressions();
        if (!result) return null;
        return Object.entries(result.expressions).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      } finally {
        input.dispose();
      }
    },
  };
}
