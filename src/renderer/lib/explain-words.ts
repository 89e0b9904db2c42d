/** "What did Attune sense then?" in words: one line per source, from the samples around an instant. Pure. */
import type { Explanation } from '../../shared/history-api';
import { EMOTIONS, type MoodLabel } from '../../shared/labels';
import type { MoodSample, SampleSource } from '../../shared/mood';
import { dominantLabel } from './day-data';
import { labelWords, percent, valenceWords } from './format';

const SOURCE_NAMES: Record<SampleSource, string> = {
  fused: 'Overall',
  face: 'Face',
  voice: 'Voice',
  text: 'Text',
};
const SOURCE_ORDER: readonly SampleSource[] = ['fused', 'face', 'voice', 'text'];

export interface SourceLine {
  source: SampleSource;
  name: string;
  words: string;
}

function mostCommon(samples: readonly MoodSample[]): MoodLabel {
  const counts = Object.fromEntries([...EMOTIONS, 'unknown'].map((l) => [l, 0])) as Record<MoodLabel, number>;
  for (const s of samples) counts[s.label] += 1;
  return dominantLabel(counts);
}

/** Counts in everyday words ("once", "twice", "12 times"): "56 readings" read as jargon (issue 17). */
const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** What each source does, so the count says what happened: a face is seen, a voice heard, writing read. */
const SOURCE_VERBS: Record<SampleSource, string> = {
  fused: 'updated',
  face: 'seen',
  voice: 'heard',
  text: 'read',
};

/** One line per source that has samples, overall first: "Happy, pleasant (seen 12 times, 64% confidence on average)". */
export function sourceLines(samples: readonly MoodSample[]): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const source of SOURCE_ORDER) {
    const mine = samples.filter((s) => s.source === source);
    if (mine.length === 0) continue;
    const mean = (pick: (s: MoodSample) => number): number => mine.reduce((sum, s) => sum + pick(s), 0) / mine.length;
    const label = mostCommon(mine);
    lines.push({
      source,
      name: SOURCE_NAMES[source],
      words:
        `${labelWords(label)}, ${valenceWords(mean((s) => s.valence))} ` +
        `(${SOURCE_VERBS[source]} ${times(mine.length)}, ${percent(mean((s) => s.confidence))} confidence on average)`,
    });
  }
  return lines;
}

/** The minute's summary, which outlives the raw samples: null when nothing was recorded then. */
export function minuteWords(explanation: Explanation): string | null {
  const r = explanation.rollup;
  if (!r) return null;
  return (
    `${labelWords(dominantLabel(r.counts))}, ${valenceWords(r.valence)}, ` +
    `sensed ${times(r.n)} that minute, ${percent(r.confidence)} confidence on average`
  );
}

/** What to say when there is nothing around the instant, or only the minute's summary. */
export function explainEmptyWords(explanation: Explanation): string | null {
  if (explanation.samples.length > 0) return null;
  if (explanation.rollup)
    return 'The moment-by-moment details of that time have been pruned; the minute’s summary is kept.';
  return 'Nothing was recorded around that time: the camera and microphone were off, paused, or nobody was there.';
}
