/** `eval faces`: every image goes through the live face pipeline; where no face is found the whole image is used. */
import { readFile } from 'node:fs/promises';
import { argmaxLabel } from '../shared/labels';
import { FacePipeline } from '../engine/vision/face-pipeline';
import { decodeImage } from '../engine/vision/decode';
import { IMAGE_EXTENSIONS, loadDataset } from './eval/dataset';
import { ProgressBar } from './eval/progress';
import { runEval, type EvalReport } from './eval/run-eval';
import { MODELS_DIR } from './paths';

export interface EvalFacesOptions {
  path: string;
  split?: string;
  /** Also classify the mirrored face and average. Default false. */
  flip?: boolean;
}

export async function evalFaces(options: EvalFacesOptions): Promise<EvalReport> {
  const data = await loadDataset(options.path, { extensions: IMAGE_EXTENSIONS, split: options.split });
  const pipeline = await FacePipeline.load({
    modelsDir: MODELS_DIR,
    wholeImageFallback: true,
    flip: options.flip ?? false,
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
        const analysis = await pipeline.analyse(decodeImage(await readFile(item.path)), (t += 60_000));
        const probs = analysis.observation.probs;
        if (!probs) throw new Error('the pipeline classified nothing');
        return { label: argmaxLabel(probs), undetected: !analysis.detected };
      },
    });
  } finally {
    bar.finish();
    await pipeline.release();
  }
}
