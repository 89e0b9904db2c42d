/**
 * `eval voice`: each recording goes through VAD then the classifier, as live audio would. By default files are
 * judged independently, with no speaker baseline: the speaker-independent figure. With `speakerColumn`, each
 * speaker's files are judged in a seeded random order against the running baseline of their earlier files
 * (labels never enter it), as the app adapts to its user: the speaker-adapted figure. A file where no speech
 * is found is counted as `undetected` and scored as neutral (the label the live app falls back to), never
 * skipped.
 */
import type { Emotion, EmotionProbs } from '../../shared/labels';
import { mulberry32, shuffleInPlace } from '../../engine/sim/prng';
import type { SpeakerBaseline } from '../../engine/voice/speaker-baseline';
import { VoicePipeline } from '../../engine/voice/voice-pipeline';
import { predictVoiceFile } from '../../engine/voice/voice-eval';
import { AUDIO_EXTENSIONS, loadDataset, type LabelledItem } from './dataset';
import { ProgressBar } from './progress';
import { runEval, type EvalReport } from './run-eval';
import { MODELS_DIR } from '../paths';

/** The four classes of the usual 4-class speech-emotion task. */
export const FOUR: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry'];

export type VoiceReport = EvalReport & {
  /** Accuracy of the 4-class task: items labelled neutral, happy, sad or angry, predicted among those four. */
  accuracy4: number;
  /** `none`: every file on its own; `running`: each judged with its speaker's baseline of earlier files. */
  speakerBaseline: 'none' | 'running';
};

export interface EvalVoiceOptions {
  /** A labels.csv split (see loadDataset). Default: everything. */
  split?: string;
  /** A labels.csv column naming the speaker; given, the run is speaker-adapted. Default: none. */
  speakerColumn?: string;
  /**
   * labels.csv columns copied into each item's `subject` and `group` (personal adaptation); unlike
   * `speakerColumn` they leave the run speaker-independent. Default: none.
   */
  subjectColumn?: string;
  groupColumn?: string;
  /** Called with each file read and its generic probabilities (null: no speech found). */
  onReading?: (item: LabelledItem, probs: EmotionProbs | null) => void;
}

export async function evalVoice(path: string, options: EvalVoiceOptions = {}): Promise<VoiceReport> {
  const { split, speakerColumn, subjectColumn, groupColumn } = options;
  const data = await loadDataset(path, {
    extensions: AUDIO_EXTENSIONS,
    split,
    speakerColumn,
    subjectColumn,
    groupColumn,
  });
  const pipeline = await VoicePipeline.load({ modelsDir: MODELS_DIR });
  const bar = new ProgressBar('eval voice');
  const probsByPath = new Map<string, EmotionProbs | null>();
  const baselines = new Map<string, SpeakerBaseline>();
  const baselineOf = (item: LabelledItem): SpeakerBaseline | null => {
    if (item.speaker === undefined) return null;
    const known = baselines.get(item.speaker) ?? pipeline.classifier.newBaseline();
    baselines.set(item.speaker, known);
    return known;
  };
  try {
    const report = await runEval({
      task: 'voice',
      items: speakerColumn === undefined ? data.items : seededOrder(data.items),
      skipped: data.skipped,
      onProgress: bar.update,
      predict: async (item) => {
        const prediction = await predictVoiceFile(pipeline, item.path, baselineOf(item));
        probsByPath.set(item.path, prediction.probs);
        options.onReading?.(item, prediction.probs);
        return prediction.label ? { label: prediction.label } : { label: 'neutral', undetected: true };
      },
    });
    return {
      ...report,
      accuracy4: fourClassAccuracy(data.items, probsByPath),
      speakerBaseline: speakerColumn === undefined ? 'none' : 'running',
    };
  } finally {
    bar.finish();
    await pipeline.release();
  }
}

/**
 * The items shuffled by a fixed seed (mulberry32(1)). Label files are often sorted by label; a running baseline
 * fed in that order would know, say, that the first files are neutral.
 */
export function seededOrder<T>(items: readonly T[]): T[] {
  const out = [...items];
  shuffleInPlace(out, mulberry32(1));
  return out;
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
