/**
 * `eval faces`: every image goes through the live face pipeline. Small images (≤ 96 px, e.g. FER2013's
 * 48×48 crops) are taken as pre-cropped faces and classified whole ('whole-image-if-small'); in larger
 * ones the face is detected, and where none is found the whole image is used and counted as undetected.
 */
import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../shared/envelope';
import { argmaxLabel } from '../../shared/labels';
import type { EmotionProbs } from '../../shared/labels';
import { FacePipeline } from '../../engine/vision/face-pipeline';
import { decodeImage } from '../../engine/vision/decode';
import type { ExpressionModelId } from '../../engine/vision/expression';
import type { RgbaImage } from '../../engine/vision/image';
import { IMAGE_EXTENSIONS, loadDataset, type LabelledItem } from './dataset';
import { ProgressBar } from './progress';
import { runEval, type EvalReport } from './run-eval';
import { MODELS_DIR } from '../paths';

export interface EvalFacesOptions {
  path: string;
  split?: string;
  /** Also classify the mirrored face and average. Default false. */
  flip?: boolean;
  /**
   * 'whole-image-if-small' (default) classifies small images (≤ 96 px) whole as pre-cropped faces;
   * 'detect' runs the detector on every image (falling back to the whole image where it finds nothing).
   */
  crop?: 'detect' | 'whole-image-if-small';
  /** Expression models to use. Default both; a single model is used alone (the stacker needs both). */
  models?: ExpressionModelId[];
  /** labels.csv columns copied into each item's `subject` and `group` (personal adaptation). Default: none. */
  subjectColumn?: string;
  groupColumn?: string;
  /** Called with each item the pipeline read and its generic probabilities (personal adaptation's input). */
  onReading?: (item: LabelledItem, probs: EmotionProbs) => void;
}

export async function evalFaces(options: EvalFacesOptions): Promise<EvalReport> {
  const { subjectColumn, groupColumn } = options;
  const data = await loadDataset(options.path, {
    extensions: IMAGE_EXTENSIONS,
    split: options.split,
    subjectColumn,
    groupColumn,
  });
  const pipeline = await FacePipeline.load({
    modelsDir: MODELS_DIR,
    wholeImageFallback: true,
    cropMode: options.crop ?? 'whole-image-if-small',
    flip: options.flip ?? false,
    models: options.models,
  });
  const bar = new ProgressBar('eval faces');
  // Images are unrelated: spacing their times apart keeps the tracker from carrying a face across them.
  let t = 0;
  try {
    return await runEval({
      task: 'faces',
      items: data.items,
      skipped: data.skipped,
      onProgress: bar.update,
      predict: async (item) => {
        const analysis = await pipeline.analyse(await decodeFile(item.path), (t += 60_000));
        const probs = analysis.observation.probs;
        if (!probs) throw new Error('the pipeline classified nothing');
        options.onReading?.(item, probs);
        return { label: argmaxLabel(probs), undetected: analysis.source === 'fallback' };
      },
    });
  } finally {
    bar.finish();
    await pipeline.release();
  }
}

/** Reads and decodes one image; a bad file's error names its kind (e.g. `bad-input: …`) in the eval report. */
async function decodeFile(path: string): Promise<RgbaImage> {
  try {
    return decodeImage(await readFile(path));
  } catch (err) {
    if (err instanceof AttuneError) throw new AttuneError(err.kind, `${err.kind}: ${err.message}`, { cause: err });
    throw err;
  }
}
