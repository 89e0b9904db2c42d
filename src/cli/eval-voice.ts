/**
 * `eval voice`: each recording goes through VAD then the classifier, as live audio would. Files are
 * independent speakers' clips, so no speaker baseline is used. A file where no speech is found is counted
 * as `undetected` and scored as neutral (the label the live app falls back to), never skipped.
 */
import type { Emotion, EmotionProbs } from '../shared/labels';
import { VoicePipeline } from '../engine/voice/voice-pipeline';
import { predictVoiceFile } from '../engine/voice/voice-eval';
import { AUDIO_EXTENSIONS, loadDataset } from './eval/dataset';
import { ProgressBar } from './eval/progress';
import { runEval, type EvalReport } from './eval/run-eval';
import { MODELS_DIR } from './paths';

/** The four classes of the usual 4-class speech-emotion task. */
const FOUR: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry'];

export type VoiceReport = EvalReport & {
  /** Accuracy of the 4-class task: items labelled neutral, happy, sad or angry, predicted among those four. */
  accuracy4: number;
};

export async function evalVoice(path: string, split?: string): Promise<VoiceReport> {
  const data = await loadDataset(path, { extensions: AUDIO_EXTENSIONS, split });
  const pipeline = await VoicePipeline.load({ modelsDir: MODELS_DIR });
  const bar = new ProgressBar('eval voice');
  const probsByPath = new Map<string, EmotionProbs | null>();
  try {
    const report = await runEval({
      task: 'voice',
      items: data.items,
      skipped: data.skipped,
      onProgress: bar.update,
      predict: async (item) => {
        const prediction = await predictVoiceFile(pipeline, item.path);
        probsByPath.set(item.path, prediction.probs);
        return prediction.label ? { label: prediction.label } : { label: 'neutral', undetected: true };
      },
    });
    return { ...report, accuracy4: fourClassAccuracy(data.items, probsByPath) };
  } finally {
    bar.finish();
    await pipeline.release();
  }
}

/** Items without speech fall back to neutral, as in the 7-class figures. */
export function fourClassAccuracy(
  items: readonly { path: string; label: Emotion }[],
  probsByPath: ReadonlyMap<string, EmotionProbs | null>,
): number {
  const inFour = items.filter((item) => FOUR.includes(item.label) && probsByPath.has(item.path));
  if (inFour.length === 0) return 0;
  let right = 0;
  for (const item of inFour) {
    const probs = probsByPath.get(item.path);
    const predicted = probs ? FOUR.reduce((best, l) => (probs[l] > probs[best] ? l : best)) : 'neutral';
    if (predicted === item.label) right++;
  }
  return right / inFour.length;
}
