import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probsFromVector } from '../../shared/labels';
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
