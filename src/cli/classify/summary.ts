/** What `classify` says about a whole file: pure, so it is tested on hand-made rows. */
import { EMOTIONS, type EmotionProbs, type MoodLabel } from '../../shared/labels';

/** One classified message, as `classify` writes it per row. */
export interface ClassifiedRow {
  /** 1-based line of the file where the message starts. */
  line: number;
  text: string;
  label: MoodLabel;
  confidence: number;
  valence: number;
  arousal: number;
  probs: EmotionProbs;
}

export interface ValenceSpan {
  /** First and last file line of the rows in this part. */
  fromLine: number;
  toLine: number;
  rows: number;
  valence: number;
}

export interface ClassifySummary {
  rows: number;
  /** Rows reported and skipped. */
  skipped: number;
  /** Share of rows per shown label (`unknown` when the model was not confident enough), 0–1. */
  shares: Record<MoodLabel, number>;
  meanValence: number;
  meanArousal: number;
  /** Mean valence of consecutive equal parts of the file, first to last: does the tone change along it? */
  valenceOverRows: ValenceSpan[];
  /** The rows of lowest valence, lowest first. */
  mostNegative: { line: number; label: MoodLabel; valence: number; text: string }[];
}

export const SHOWN_LABELS: readonly MoodLabel[] = [...EMOTIONS, 'unknown'];

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Splits rows into `parts` consecutive parts of near-equal size (fewer when there are fewer rows). */
export function valenceOverRows(rows: readonly ClassifiedRow[], parts = 10): ValenceSpan[] {
  const n = Math.min(parts, rows.length);
  const spans: ValenceSpan[] = [];
  for (let p = 0; p < n; p++) {
    const part = rows.slice(Math.floor((p * rows.length) / n), Math.floor(((p + 1) * rows.length) / n));
    const first = part[0];
    const last = part[part.length - 1];
    if (!first || !last) continue;
    spans.push({
      fromLine: first.line,
      toLine: last.line,
      rows: part.length,
      valence: mean(part.map((r) => r.valence)),
    });
  }
  return spans;
}

export function summarise(rows: readonly ClassifiedRow[], skipped: number, worst = 5): ClassifySummary {
  const shares = Object.fromEntries(SHOWN_LABELS.map((l) => [l, 0])) as Record<MoodLabel, number>;
  for (const r of rows) shares[r.label] += 1 / rows.length;
  // Ties keep file order, so the same file always names the same messages.
  const mostNegative = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.valence - b.r.valence || a.i - b.i)
    .slice(0, worst)
    .map(({ r }) => ({ line: r.line, label: r.label, valence: r.valence, text: r.text }));
  return {
    rows: rows.length,
    skipped,
    shares,
    meanValence: mean(rows.map((r) => r.valence)),
    meanArousal: mean(rows.map((r) => r.arousal)),
    valenceOverRows: valenceOverRows(rows),
    mostNegative,
  };
}
