import { join } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import type { FaceObservation } from '../../shared/mood';
import { extractCrops, faceCrop, wholeImageCrop, type CropOptions, type FaceCrop } from './align';
import { BlazeFace, tileRegions } from './blazeface';
import { weightedNms, type Detection } from './blazeface-decode';
import {
  DEFAULT_WEIGHTS,
  ExpressionModel,
  combineProbs,
  predictMembers,
  type EnsembleMember,
  type ExpressionModelId,
  type MemberOutput,
} from './expression';
import { STACKER_FILE, applyStacker, loadStacker, type StackerWeights } from './expression-stacker';
import { validateImage, type RgbaImage } from './image';
import { manifestEntry, readManifest, type ManifestEntry } from '../models/model-manifest';
import { emptyObservation, faceObservation } from './observation';
import { OnnxModel, readModelFile, type Ort } from '../models/onnx-model';
import { choosePrimary } from './primary-face';
import { DEFAULT_THRESHOLDS, assessQuality, greyLevels, type QualityThresholds } from './quality';

/** The expression models a pipeline loads unless told otherwise: the set the shipped stacking layer combines. */
export const DEFAULT_EXPRESSION_MODELS: readonly ExpressionModelId[] = ['human', 'faceapi', 'attune'];

export interface FacePipelineOptions {
  /** Folder holding manifest.json and the model files (resources/models). */
  modelsDir: string;
  /** Threads per ONNX session (intraOpNumThreads). Default 1. */
  threads?: number;
  /** Expression models to load and combine. Default {@link DEFAULT_EXPRESSION_MODELS}. */
  models?: ExpressionModelId[];
  /** The onnxruntime module. Default: onnxruntime-node, imported on load. */
  ort?: Ort;
  /**
   * Ensemble weights (relative) for a plain weighted mean. Default {@link DEFAULT_WEIGHTS}: human 0.7,
   * face-api 0.3. Giving weights turns the stacking layer off.
   */
  weights?: Partial<Record<ExpressionModelId, number>>;
  /**
   * Combine the models with the fitted stacking layer `expression-stacker.json` in `modelsDir`
   * (see MODELS.md) instead of the weighted mean. Used only when it was fitted on exactly the loaded
   * models and `weights` is not given. A missing file is 'model-missing', a malformed one
   * 'model-corrupt'. Default true.
   */
  stacker?: boolean;
  /**
   * 'detect' (default): find the face with the detector. 'whole-image-if-small': an image whose longer
   * side is at most `smallSide` is taken to be a pre-cropped face (FER2013's 48×48 crops) and classified
   * whole without detection, since the detector's re-crop of such a face loses about 1.4 points on
   * FER2013; larger images are detected as usual.
   */
  cropMode?: 'detect' | 'whole-image-if-small';
  /** Longest side, px, of an image that 'whole-image-if-small' treats as a pre-cropped face. Default 96. */
  smallSide?: number;
  /** Also classify the mirrored crop and average (twice the expression cost). Default false. */
  flip?: boolean;
  /**
   * When no face is found, classify the whole image as the face (for pre-cropped data sets such as
   * FER2013). The result then has `detected: false`, faceCount 0 and the 'no-face' flag. Default false.
   */
  wholeImageFallback?: boolean;
  /** When the whole frame shows no face, look again in four overlapping tiles. Default true. */
  tileFallback?: boolean;
  /** Minimum detector score, 0..1. Default 0.5. */
  minScore?: number;
  /** Confidence under which the label is 'unknown', 0..1. Default 0.35 (see observation.ts). */
  unknownBelow?: number;
  /** Quality flag thresholds; see {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<QualityThresholds>;
  /** Face crop framing; see {@link CropOptions}. */
  crop?: CropOptions;
  /** How long the previous primary face still counts as "the same person", ms of frame time. Default 2000. */
  trackMs?: number;
}

/** One frame's result with what the shared observation type does not carry. */
export interface FaceAnalysis {
  observation: FaceObservation;
  /** False when no face was detected (with wholeImageFallback the probs then describe the whole image). */
  detected: boolean;
  /**
   * What was classified: a detected face, a small image taken whole ('whole-image-if-small'), the whole
   * image because nothing was detected (wholeImageFallback), or nothing.
   */
  source: 'detected' | 'small-image' | 'fallback' | 'none';
  /** Each expression model's own answer (before combining), by model; empty when nothing was classified. */
  members: ReadonlyMap<ExpressionModelId, MemberOutput>;
  /** The region classified, source px; null when nothing was classified. */
  crop: FaceCrop | null;
  /** The primary detection, with key points; null when none. */
  detection: Detection | null;
}

const QUALITY_SIZE = 64;

/** Detect → align → expression for single frames. Not safe for overlapping `process` calls (it tracks the primary face). */
export class FacePipeline {
  private previous: { detection: Detection; t: number } | null = null;
  private readonly thresholds: QualityThresholds;

  private constructor(
    private readonly detector: BlazeFace,
    private readonly detectorModel: OnnxModel,
    private readonly members: EnsembleMember[],
    private readonly options: FacePipelineOptions,
    /** The stacking layer in use, or null for the weighted mean. */
    readonly stacker: StackerWeights | null,
    /** Time taken by {@link FacePipeline.load}, ms. */
    readonly loadMs: number,
  ) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  }

  /** Loads the detector and the expression models named in the manifest; 'model-missing' / 'model-corrupt' on failure. */
  static async load(opts: FacePipelineOptions): Promise<FacePipeline> {
    const started = performance.now();
    const ort = opts.ort ?? (await import('onnxruntime-node'));
    const manifest = await readManifest(opts.modelsDir);
    const ids = opts.models ?? [...DEFAULT_EXPRESSION_MODELS];
    if (ids.length === 0) throw new AttuneError('bad-input', 'at least one expression model is needed');
    const loaded: OnnxModel[] = [];
    const open = async (entry: ManifestEntry): Promise<OnnxModel> => {
      const bytes = await readModelFile(join(opts.modelsDir, entry.file));
      const model = await OnnxModel.load(ort, bytes, entry.file, { threads: opts.threads ?? 1, sha256: entry.sha256 });
      loaded.push(model);
      return model;
    };
    try {
      const det = manifestEntry(manifest, 'blazeface');
      const detectorModel = await open(det);
      const members: EnsembleMember[] = [];
      for (const id of ids) {
        const entry = manifestEntry(manifest, `expression-${id}`);
        const labels = entry.output.labels;
        if (!labels || typeof entry.output.name !== 'string') {
          throw new AttuneError(
            'model-corrupt',
            `manifest entry expression-${id} needs one output name and its labels`,
          );
        }
        const model = new ExpressionModel(id, await open(entry), entry.input.name, entry.output.name, labels);
        members.push({ model, weight: opts.weights?.[id] ?? DEFAULT_WEIGHTS[id] });
      }
      const detector = new BlazeFace(detectorModel, det.input.name);
      const stacker = await chooseStacker(opts, ids);
      return new FacePipeline(detector, detectorModel, members, opts, stacker, performance.now() - started);
    } catch (err) {
      await Promise.all(loaded.map((m) => m.release()));
      throw err;
    }
  }

  /** Analyses one RGBA frame taken at `t` (Unix ms). Malformed frames are AttuneError('bad-input'). */
  async process(image: RgbaImage, t: number): Promise<FaceObservation> {
    return (await this.analyse(image, t)).observation;
  }

  /** {@link process} plus whether a face was detected, the crop and the key points. */
  async analyse(image: RgbaImage, t: number): Promise<FaceAnalysis> {
    validateImage(image);
    const t0 = performance.now();
    const small =
      this.options.cropMode === 'whole-image-if-small' &&
      Math.max(image.width, image.height) <= (this.options.smallSide ?? 96);
    const detections = small ? [] : await this.detect(image);
    const t1 = performance.now();
    const prev = this.previous && t >= this.previous.t && t - this.previous.t <= (this.options.trackMs ?? 2000);
    const primary = choosePrimary(
      detections,
      image.width,
      image.height,
      prev ? (this.previous?.detection ?? null) : null,
    );
    this.previous = primary ? { detection: primary, t } : null;
    if (!primary && !small && !this.options.wholeImageFallback) {
      const observation = emptyObservation(t, 0, { detect: t1 - t0, align: 0, expression: 0, total: t1 - t0 });
      return { observation, detected: false, source: 'none', members: new Map(), crop: null, detection: null };
    }
    const crop = primary ? faceCrop(primary, this.options.crop) : wholeImageCrop(image.width, image.height);
    // One pass for all sizes: a large face's smaller crops are area-averaged from the largest crop's taps.
    const bySize = extractCrops(image, crop, [QUALITY_SIZE, ...this.members.map(({ model }) => model.size)]);
    const crops = new Map<ExpressionModelId, RgbaImage>(
      this.members.map(({ model }) => [model.id, bySize.get(model.size) as RgbaImage]),
    );
    const qualityCrop = bySize.get(QUALITY_SIZE) as RgbaImage;
    const faceSide = primary ? Math.max(primary.xMax - primary.xMin, primary.yMax - primary.yMin) : crop.side;
    const q = assessQuality(
      { faceSide, grey: greyLevels(qualityCrop), greySide: QUALITY_SIZE, keypoints: primary?.keypoints },
      this.thresholds,
    );
    const t2 = performance.now();
    const members = await predictMembers(this.members, crops, this.options.flip ?? false);
    const probs = this.stacker
      ? applyStacker(this.stacker, new Map([...members].map(([id, m]) => [id, m.probs])))
      : combineProbs(
          this.members.map(({ model, weight }) => ({ probs: (members.get(model.id) as MemberOutput).probs, weight })),
        );
    const t3 = performance.now();
    const face = primary
      ? {
          x: primary.xMin,
          y: primary.yMin,
          width: primary.xMax - primary.xMin,
          height: primary.yMax - primary.yMin,
          score: primary.score,
        }
      : { x: 0, y: 0, width: image.width, height: image.height, score: 0 };
    const observation = faceObservation({
      t,
      faceCount: detections.length,
      face,
      probs,
      quality: q.quality,
      flags: primary || small ? q.flags : ['no-face', ...q.flags],
      timings: { detect: t1 - t0, align: t2 - t1, expression: t3 - t2, total: t3 - t0 },
      unknownBelow: this.options.unknownBelow,
    });
    const source = primary ? 'detected' : small ? 'small-image' : 'fallback';
    return { observation, detected: primary !== undefined, source, members, crop, detection: primary ?? null };
  }

  /** Frees every ONNX session. */
  async release(): Promise<void> {
    await Promise.all([this.detectorModel.release(), ...this.members.map((m) => m.model.release())]);
  }

  private async detect(image: RgbaImage): Promise<Detection[]> {
    const minScore = this.options.minScore ?? 0.5;
    const found = await this.detector.detect(image, { minScore });
    if (found.length > 0 || this.options.tileFallback === false) return found;
    const tiles: Detection[] = [];
    for (const region of tileRegions(image.width, image.height)) {
      tiles.push(...(await this.detector.detect(image, { region, minScore })));
    }
    // A face inside two overlapping tiles is found twice: merge across tiles as within one view.
    return weightedNms(tiles, 0.3);
  }
}

/** The stacking layer to use for `opts`, or null for the weighted mean (see {@link FacePipelineOptions.stacker}). */
async function chooseStacker(
  opts: FacePipelineOptions,
  ids: readonly ExpressionModelId[],
): Promise<StackerWeights | null> {
  if (opts.stacker === false || opts.weights !== undefined) return null;
  const stacker = await loadStacker(join(opts.modelsDir, STACKER_FILE));
  const same = stacker.models.length === ids.length && stacker.models.every((id) => ids.includes(id));
  return same ? stacker : null;
}
