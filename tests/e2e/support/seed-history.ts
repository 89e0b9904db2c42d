/**
 * Writes a plausible mood history straight into a database file, for e2e tests and demos of Today, Trends and
 * the heatmap: working days of fused mood at one sample per minute (a year is ~175 000 rows, a few seconds),
 * moods that drift slowly, a few break prompts with answers and outcomes, check-ins and pauses. Reproducible:
 * the same options give the same history (seeded PRNG). Call it before the host opens the file.
 */
import { dayStart, systemCalendar, MINUTE_MS } from '../../../src/shared/history';
import { valenceArousal } from '../../../src/engine/mood/affect';
import { EMOTIONS, probsFromVector, type Emotion } from '../../../src/shared/labels';
import type { MoodSample } from '../../../src/shared/mood';
import { mulberry32 } from '../../../src/engine/sim/prng';
import type { PromptAction, PromptEvidence } from '../../../src/shared/prompts';
import { CheckInStore } from '../../../src/engine/store/check-ins';
import { EventStore } from '../../../src/engine/store/events';
import { openDatabase } from '../../../src/engine/store/open-database';
import { PromptStore } from '../../../src/engine/store/prompts';
import { RollupStore } from '../../../src/engine/store/rollups';
import { SampleStore } from '../../../src/engine/store/samples';

export interface SeedOptions {
  /** Local days of history, the last one being endAt's day. */
  days: number;
  /** Unix ms: nothing is written at or after it (default now). */
  endAt?: number;
  /** PRNG seed (default 7). */
  seed?: number;
}

/** Local working hours recorded each day: 9:00 to 17:00 (8 h, 480 samples). */
const START_HOUR = 9;
const HOURS = 8;
/** How often each mood leads an episode: mostly neutral and happy, now and then low. */
const EPISODE_WEIGHTS: Record<Emotion, number> = {
  neutral: 0.42,
  happy: 0.26,
  sad: 0.13,
  angry: 0.06,
  fearful: 0.04,
  disgusted: 0.03,
  surprised: 0.06,
};

function pick(random: () => number): Emotion {
  let r = random();
  for (const e of EMOTIONS) {
    r -= EPISODE_WEIGHTS[e];
    if (r <= 0) return e;
  }
  return 'neutral';
}

/** A fused sample led by `mood` with strength in [0, 1]: probabilities, label, valence and arousal agree. */
function fused(t: number, mood: Emotion, strength: number, random: () => number): MoodSample {
  const vector = EMOTIONS.map((e) => (e === mood ? 0.35 + 0.5 * strength : (0.1 + 0.4 * random()) * 0.15));
  const sum = vector.reduce((a, b) => a + b, 0);
  const probs = probsFromVector(vector.map((v) => v / sum));
  const { valence, arousal } = valenceArousal(probs);
  const face = 0.6 + 0.3 * random();
  return {
    t,
    source: 'fused',
    label: mood,
    probs,
    valence,
    arousal,
    confidence: 0.45 + 0.45 * strength,
    shares: { face, voice: (1 - face) * 0.8, text: (1 - face) * 0.2 },
  };
}

function evidence(reason: 'sad' | 'angry', t: number): PromptEvidence {
  return {
    reason,
    from: t - 20 * MINUTE_MS,
    to: t,
    evidenceMs: 15 * MINUTE_MS,
    share: 0.72,
    shareThreshold: 0.6,
    minEvidenceMs: 10 * MINUTE_MS,
    confidenceThreshold: 0.3,
    byModality: { face: 0.8, voice: 0.2, text: 0 },
  };
}

/** Creates or migrates `dbFile` and writes `days` of history ending at `endAt`, then rolls it up. */
export function seedHistory(dbFile: string, options: SeedOptions): void {
  const endAt = options.endAt ?? Date.now();
  const random = mulberry32(options.seed ?? 7);
  const db = openDatabase(dbFile);
  try {
    const samples = new SampleStore(db);
    const prompts = new PromptStore(db);
    const events = new EventStore(db);
    const checkIns = new CheckInStore(db);
    const today = dayStart(endAt, systemCalendar);
    for (let d = options.days - 1; d >= 0; d--) {
      // Local calendar arithmetic keeps 9:00 at 9:00 across daylight-saving changes.
      const date = new Date(today);
      date.setDate(date.getDate() - d);
      date.setHours(START_HOUR, 0, 0, 0);
      const start = date.getTime();
      const rows: MoodSample[] = [];
      let mood = pick(random);
      let left = 15 + Math.floor(random() * 45);
      for (let m = 0; m < HOURS * 60; m++) {
        const t = start + m * MINUTE_MS;
        if (t >= endAt) break;
        if (--left <= 0) {
          mood = pick(random);
          left = 15 + Math.floor(random() * 45);
        }
        rows.push(fused(t, mood, 0.3 + 0.6 * random(), random));
        // A low episode now and then brings a prompt, answered in one of the usual ways.
        if ((mood === 'sad' || mood === 'angry') && left === 5 && random() < 0.15) {
          const actions: PromptAction[] = ['breathe', 'stretch', 'not-now', 'snooze-15'];
          const action = actions[Math.floor(random() * actions.length)] ?? 'breathe';
          const isBreak = action === 'breathe' || action === 'stretch';
          const answeredAt = t + 30_000;
          if (answeredAt < endAt) {
            prompts.add({
              t,
              reason: mood,
              evidence: evidence(mood, t),
              action,
              answeredAt,
              recovered: isBreak ? random() < 0.7 : null,
            });
            if (isBreak) events.add(answeredAt, 'break', { action });
          }
        }
      }
      samples.insert(rows);
      const noon = start + 3 * 3_600_000 + Math.floor(random() * 60) * MINUTE_MS;
      if (random() < 0.5 && noon < endAt) {
        const pleasantness = Math.round((random() * 2 - 1) * 2) / 2;
        const { t, label, probs, valence, arousal, confidence } = fused(
          noon + 1,
          pleasantness >= 0 ? 'happy' : 'sad',
          0.6,
          random,
        );
        const reading: MoodSample = { t, source: 'text', label, probs, valence, arousal, confidence };
        checkIns.add(reading, { pleasantness, energy: 0 }, null);
      }
      if (random() < 0.3 && noon + 3_600_000 < endAt) {
        events.add(noon + 1_800_000, 'pause', { minutes: 15 });
        events.add(noon + 2_700_000, 'resume', {});
      }
    }
    new RollupStore(db).refresh(endAt);
  } finally {
    db.close();
  }
}
