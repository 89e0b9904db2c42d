import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * The personal model replaces the neutral-only baseline. Its examples are the generic models' seven
 * probabilities at moments the person labelled (numbers only), and the fitted models are kept beside them.
 *
 * What the old baseline learnt moves into examples, rebuilt from the stored history where it still exists:
 * - the relaxed-face calibration: the face (and voice) samples of the 20 s before `calibratedAt`, as neutral
 *   examples; where retention has pruned them, one neutral example whose reading is the resting mean the
 *   stored bias implies (the bias was half the log-distance from that mean to 0.6 neutral);
 * - each correction event ("I feel X"): the mean face (and voice) reading of the 10 s before it, as an X example.
 * The old `baseline` setting is then removed. Models are not fitted here (a migration must not depend on code
 * that changes later): the engine fits them on its first start from the examples.
 *
 * Labels, sources and columns are spelled out, as in 0001, so later code cannot change what old rows mean.
 */
const LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;
type Label = (typeof LABELS)[number];
const P_COLUMNS = LABELS.map((l) => `p_${l}`).join(', ');

/** The old calibration's collection time and the lookback used for corrections, ms. */
const CALIBRATION_MS = 20_000;
const CORRECTION_LOOKBACK_MS = 10_000;
/** What the old baseline aimed a relaxed reading at (neutral share), and how far it pulled (0.5). */
const RESTING_NEUTRAL = 0.6;
const CALIBRATION_STRENGTH = 0.5;
/** A rebuilt correction counts as much as a live one (PersonalService.correctionWeight at this version). */
const CORRECTION_WEIGHT = 3;
/** A resting mean rebuilt from the bias stands for the 20 s of frames it summed up (about 10 frames' worth). */
const INVERTED_WEIGHT = 10;

interface OldBaseline {
  calibratedAt: number | null;
  faceBias: Record<string, number>;
  voiceBias: Record<string, number>;
}

type Probs = Record<Label, number>;

export const personalModel: Migration = {
  version: 4,
  name: 'personal-model',
  up(db) {
    db.exec(`
      CREATE TABLE personal_examples (
        id INTEGER PRIMARY KEY,
        t INTEGER NOT NULL,
        modality TEXT NOT NULL CHECK (modality IN ('face', 'voice')),
        source TEXT NOT NULL CHECK (source IN ('calibration', 'correction', 'check-in', 'migrated')),
        label TEXT NOT NULL CHECK (
          label IN ('neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised')
        ),
        weight REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
        -- Frames of one calibration step share a group, so cross-validation never scores a frame by its twin.
        grp TEXT CHECK (grp IS NULL OR length(grp) <= 64),
        p_neutral REAL NOT NULL CHECK (p_neutral BETWEEN 0 AND 1),
        p_happy REAL NOT NULL CHECK (p_happy BETWEEN 0 AND 1),
        p_sad REAL NOT NULL CHECK (p_sad BETWEEN 0 AND 1),
        p_angry REAL NOT NULL CHECK (p_angry BETWEEN 0 AND 1),
        p_fearful REAL NOT NULL CHECK (p_fearful BETWEEN 0 AND 1),
        p_disgusted REAL NOT NULL CHECK (p_disgusted BETWEEN 0 AND 1),
        p_surprised REAL NOT NULL CHECK (p_surprised BETWEEN 0 AND 1)
      ) STRICT;
      CREATE INDEX personal_examples_modality ON personal_examples (modality, t);

      CREATE TABLE personal_models (
        modality TEXT PRIMARY KEY CHECK (modality IN ('face', 'voice')),
        fitted_at INTEGER NOT NULL,
        model TEXT NOT NULL CHECK (json_valid(model) AND json_type(model) = 'object' AND length(model) <= 20000)
      ) STRICT;
    `);
    moveBaseline(db);
  },
};

function moveBaseline(db: Database): void {
  const text = db.prepare<[], string>("SELECT value FROM settings WHERE key = 'baseline'").pluck().get();
  if (text !== undefined) {
    const old = readOld(JSON.parse(text) as unknown);
    if (old?.calibratedAt != null) moveCalibration(db, old, old.calibratedAt);
  }
  const corrections = db
    .prepare<[], { t: number; data: string }>("SELECT t, data FROM events WHERE kind = 'correction' ORDER BY t, id")
    .all();
  for (const c of corrections) {
    const felt = (JSON.parse(c.data) as { felt?: unknown }).felt;
    if (!isLabel(felt)) continue;
    for (const modality of ['face', 'voice'] as const) {
      const mean = meanOf(samplesIn(db, modality, c.t - CORRECTION_LOOKBACK_MS, c.t));
      if (mean) insert(db, c.t, modality, 'correction', felt, CORRECTION_WEIGHT, null, mean);
    }
  }
  db.prepare("DELETE FROM settings WHERE key = 'baseline'").run();
}

function moveCalibration(db: Database, old: OldBaseline, at: number): void {
  for (const modality of ['face', 'voice'] as const) {
    const rows = samplesIn(db, modality, at - CALIBRATION_MS, at);
    const group = `migrated-${modality}`;
    if (rows.length > 0) {
      for (const row of rows) insert(db, row.t, modality, 'migrated', 'neutral', 1, group, row.probs);
      continue;
    }
    const bias = modality === 'face' ? old.faceBias : old.voiceBias;
    if (LABELS.some((l) => (bias[l] ?? 0) !== 0)) {
      insert(db, at, modality, 'migrated', 'neutral', INVERTED_WEIGHT, group, restingMeanFromBias(bias));
    }
  }
}

/** The resting reading a calibration bias was computed from: bias = s·(ln target − ln mean), up to a constant. */
export function restingMeanFromBias(bias: Record<string, number>): Probs {
  const rest = (1 - RESTING_NEUTRAL) / (LABELS.length - 1);
  const raw = LABELS.map(
    (l) => (l === 'neutral' ? RESTING_NEUTRAL : rest) * Math.exp(-(bias[l] ?? 0) / CALIBRATION_STRENGTH),
  );
  const sum = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(LABELS.map((l, i) => [l, (raw[i] ?? 0) / sum])) as Probs;
}

function samplesIn(db: Database, source: 'face' | 'voice', from: number, to: number): { t: number; probs: Probs }[] {
  const rows = db
    .prepare<[string, number, number], Record<string, number>>(
      `SELECT t, ${P_COLUMNS} FROM samples WHERE source = ? AND t >= ? AND t <= ? ORDER BY t, id`,
    )
    .all(source, from, to);
  return rows.map((r) => ({
    t: r.t ?? 0,
    probs: Object.fromEntries(LABELS.map((l) => [l, clamp01(r[`p_${l}`] ?? 0)])) as Probs,
  }));
}

function meanOf(rows: readonly { probs: Probs }[]): Probs | null {
  if (rows.length === 0) return null;
  return Object.fromEntries(LABELS.map((l) => [l, rows.reduce((s, r) => s + r.probs[l], 0) / rows.length])) as Probs;
}

function insert(
  db: Database,
  t: number,
  modality: 'face' | 'voice',
  source: 'correction' | 'migrated',
  label: Label,
  weight: number,
  group: string | null,
  probs: Probs,
): void {
  db.prepare(
    `INSERT INTO personal_examples (t, modality, source, label, weight, grp, ${P_COLUMNS})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(Math.round(t), modality, source, label, weight, group, ...LABELS.map((l) => clamp01(probs[l])));
}

const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const isLabel = (v: unknown): v is Label => typeof v === 'string' && (LABELS as readonly string[]).includes(v);

/** The old setting, or null when it is not the shape the old code wrote (then only corrections move). */
function readOld(value: unknown): OldBaseline | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const bias = (b: unknown): Record<string, number> | null =>
    typeof b === 'object' && b !== null && Object.values(b).every((x) => typeof x === 'number' && Number.isFinite(x))
      ? (b as Record<string, number>)
      : null;
  const faceBias = bias(v.faceBias);
  const voiceBias = bias(v.voiceBias);
  const calibratedAt = typeof v.calibratedAt === 'number' && Number.isFinite(v.calibratedAt) ? v.calibratedAt : null;
  if (!faceBias || !voiceBias) return null;
  return { calibratedAt, faceBias, voiceBias };
}
