import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { EMOTIONS, probsFromVector } from '../../shared/labels';
import type { MoodSample, SampleSource } from '../../shared/mood';

/** A fresh folder under the OS temp dir and a function that removes it. */
export function tempDir(prefix = 'attune-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sample(t: number, source: SampleSource = 'face', overrides: Partial<MoodSample> = {}): MoodSample {
  return {
    t,
    source,
    label: 'happy',
    probs: probsFromVector([0.1, 0.6, 0.05, 0.05, 0.1, 0.04, 0.06]),
    valence: 0.5,
    arousal: -0.25,
    confidence: 0.75,
    ...overrides,
  };
}

/**
 * Writes samples with only the columns of schema version 1, for migration tests that build an old database:
 * today's SampleStore knows columns an old schema lacks.
 */
export function insertLegacySamples(db: Database, samples: readonly MoodSample[]): void {
  const insert = db.prepare(
    `INSERT INTO samples (t, source, label, ${EMOTIONS.map((e) => `p_${e}`).join(', ')}, valence, arousal, confidence)
     VALUES (${Array.from({ length: 3 + EMOTIONS.length + 3 }, () => '?').join(', ')})`,
  );
  for (const s of samples) {
    insert.run(s.t, s.source, s.label, ...EMOTIONS.map((e) => s.probs[e]), s.valence, s.arousal, s.confidence);
  }
}

/** Every samples row as stored, in id order, for before/after comparisons. */
export function rawSamples(db: Database): Record<string, unknown>[] {
  return db.prepare<[], Record<string, unknown>>('SELECT * FROM samples ORDER BY id').all();
}
