import type { Box } from '../../shared/mood';
import { AttuneError } from '../../shared/envelope';
import { BLAZEFACE_FRONT_LAYERS, generateAnchors, type Anchor, type AnchorLayer } from './blazeface-anchors';
import { decodeDetections, weightedNms, type Detection } from './blazeface-decode';
import type { RgbaImage } from './image';
import { letterbox, renderLetterbox, toSource, type Letterbox } from './letterbox';
import type { FloatTensor, Model } from '../models/model';

/** BlazeFace short-range input side, px. */
export const BLAZEFACE_SIZE = 128;

/**
 * The detector's input tensor, [1, 128, 128, 3] NHWC, RGB scaled to [-1, 1] as MediaPipe's
 * ImageToTensorCalculator does for this model (output_tensor_float_range -1..1).
 */
export function blazeFaceTensor(square: RgbaImage): Float32Array {
  const n = square.width * square.height;
  const out = new Float32Array(n * 3);
  const d = square.data;
  for (let i = 0; i < n; i++) {
    out[i * 3] = (d[i * 4] ?? 0) / 127.5 - 1;
    out[i * 3 + 1] = (d[i * 4 + 1] ?? 0) / 127.5 - 1;
    out[i * 3 + 2] = (d[i * 4 + 2] ?? 0) / 127.5 - 1;
  }
  return out;
}

export interface DetectOptions {
  /** Source region to search, px. Default: the whole image. */
  region?: Box;
  /** Minimum detector score, 0..1. Default 0.5. */
  minScore?: number;
  /** IoU above which detections merge in NMS, 0..1. Default 0.3. */
  iouThreshold?: number;
}

/** Concatenates the model's per-layer outputs into one array each for scores and regressors. */
export function gatherOutputs(
  outputs: Record<string, FloatTensor>,
  layers: readonly AnchorLayer[],
  inputSize: number,
): { scores: Float32Array; regressors: Float32Array } {
  const tensors = Object.values(outputs);
  const counts = layers.map((l) => Math.ceil(inputSize / l.stride) ** 2 * l.perCell);
  // Pick each layer's tensors by shape ([1, count, 1] scores, [1, count, 16] boxes): robust to renamed outputs.
  const find = (count: number, width: number): Float32Array => {
    const t = tensors.find((x) => x.dims[1] === count && x.dims[2] === width);
    if (!t) throw new AttuneError('model-corrupt', `detector has no output shaped [1, ${count}, ${width}]`);
    return t.data;
  };
  const total = counts.reduce((a, b) => a + b, 0);
  const scores = new Float32Array(total);
  const regressors = new Float32Array(total * 16);
  let at = 0;
  for (const count of counts) {
    scores.set(find(count, 1), at);
    regressors.set(find(count, 16), at * 16);
    at += count;
  }
  return { scores, regressors };
}

/** Maps a detection from model px to source px. */
export function detectionToSource(d: Detection, lb: Letterbox): Detection {
  const a = toSource(lb, { x: d.xMin, y: d.yMin });
  const b = toSource(lb, { x: d.xMax, y: d.yMax });
  return {
    xMin: a.x,
    yMin: a.y,
    xMax: b.x,
    yMax: b.y,
    score: d.score,
    keypoints: d.keypoints.map((p) => toSource(lb, p)),
  };
}

/** MediaPipe BlazeFace (short range) face detector over an {@link OnnxModel}. */
export class BlazeFace {
  private readonly anchors: Anchor[] = generateAnchors(BLAZEFACE_SIZE, BLAZEFACE_FRONT_LAYERS);

  constructor(
    private readonly model: Model,
    private readonly inputName: string,
  ) {}

  /** Faces in `image` (or in `options.region`), in source px, best score first. */
  async detect(image: RgbaImage, options: DetectOptions = {}): Promise<Detection[]> {
    const lb = letterbox(image.width, image.height, BLAZEFACE_SIZE, options.region);
    const input = blazeFaceTensor(renderLetterbox(image, lb));
    const outputs = await this.model.run({
      [this.inputName]: { data: input, dims: [1, BLAZEFACE_SIZE, BLAZEFACE_SIZE, 3] },
    });
    const { scores, regressors } = gatherOutputs(outputs, BLAZEFACE_FRONT_LAYERS, BLAZEFACE_SIZE);
    const raw = decodeDetections(scores, regressors, this.anchors, {
      inputSize: BLAZEFACE_SIZE,
      minScore: options.minScore ?? 0.5,
    });
    return weightedNms(raw, options.iouThreshold ?? 0.3).map((d) => detectionToSource(d, lb));
  }
}

/**
 * Four overlapping squares, each 0.65 of the image's longer side, anchored at the corners: a second
 * look for faces too small to find in one 128 px view of the whole frame (someone sitting far back,
 * a group photo). Empty for images up to 256 px, which the whole-frame view already sees at ≥ half
 * resolution.
 */
export function tileRegions(width: number, height: number): Box[] {
  const long = Math.max(width, height);
  if (long <= 2 * BLAZEFACE_SIZE) return [];
  const side = 0.65 * long;
  const xs = [0, Math.max(0, width - side)];
  const ys = [0, Math.max(0, height - side)];
  return ys.flatMap((y) => xs.map((x) => ({ x, y, width: side, height: side })));
}
