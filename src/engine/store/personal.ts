import type { Database, Statement } from 'better-sqlite3';
import { EMOTIONS, isEmotion, type Emotion, type EmotionProbs } from '../../shared/labels';
import { PERSONAL_SOURCES, type PersonalModality, type PersonalSource } from '../../shared/personal-info';
import { guard } from './errors';

/** One stored example: the generic models' reading of a labelled moment. Numbers and codes only. */
export interface StoredExample {
  t: number;
  modality: PersonalModality;
  source: PersonalSource;
  label: Emotion;
  weight: number;
  /** Frames of one calibration step share a group (null: on its own). */
  group: string | null;
  probs: EmotionProbs;
}

/** A stored model as read back: `json` is whatever the file holds, to be checked by parsePersonalModel. */
export interface StoredModel {
  modality: PersonalModality;
  fittedAt: number;
  json: unknown;
}

interface ExampleRow extends Record<string, unknown> {
  t: number;
  modality: string;
  source: string;
  label: string;
  weight: number;
  grp: string | null;
}

const P = EMOTIONS.map((e) => `p_${e}`);

function toExample(row: ExampleRow): StoredExample {
  const probs = Object.fromEntries(EMOTIONS.map((e) => [e, Number(row[`p_${e}`])])) as EmotionProbs;
  // The table's CHECK constraints guarantee these; the fallbacks only satisfy the types.
  const source = (PERSONAL_SOURCES as readonly string[]).includes(row.source)
    ? (row.source as PersonalSource)
    : 'migrated';
  return {
    t: row.t,
    modality: row.modality === 'voice' ? 'voice' : 'face',
    source,
    label: isEmotion(row.label) ? row.label : 'neutral',
    weight: row.weight,
    group: row.grp,
    probs,
  };
}

/** The personal model's examples and fitted models (migration 0004). */
export class PersonalStore {
  private readonly insertOne: Statement<unknown[]>;
  private readonly selectOf: Statement<[string], ExampleRow>;
  private readonly selectAll: Statement<[], ExampleRow>;
  private readonly upsertModel: Statement<[string, number, string]>;
  private readonly selectModel: Statement<[string], { fitted_at: number; model: string }>;
  private readonly insertMany: (examples: readonly StoredExample[]) => void;
  private readonly clearAll: () => void;
  private readonly replaceAll: (modality: PersonalModality, label: Emotion, examples: readonly StoredExample[]) => void;

  constructor(db: Database) {
    this.insertOne = db.prepare(
      `INSERT INTO personal_examples (t, modality, source, label, weight, grp, ${P.join(', ')})
       VALUES (${Array.from({ length: 6 + P.length }, () => '?').join(', ')})`,
    );
    const columns = `t, modality, source, label, weight, grp, ${P.join(', ')}`;
    this.selectOf = db.prepare(`SELECT ${columns} FROM personal_examples WHERE modality = ? ORDER BY t, id`);
    this.selectAll = db.prepare(`SELECT ${columns} FROM personal_examples ORDER BY t, id`);
    this.upsertModel = db.prepare(
      `INSERT INTO personal_models (modality, fitted_at, model) VALUES (?, ?, ?)
       ON CONFLICT (modality) DO UPDATE SET fitted_at = excluded.fitted_at, model = excluded.model`,
    );
    this.selectModel = db.prepare('SELECT fitted_at, model FROM personal_models WHERE modality = ?');
    this.insertMany = db.transaction((examples: readonly StoredExample[]) => {
      for (const e of examples) {
        this.insertOne.run(
          Math.round(e.t),
          e.modality,
          e.source,
          e.label,
          e.weight,
          e.group,
          ...EMOTIONS.map((l) => e.probs[l]),
        );
      }
    });
    const deleteStep = db.prepare<[string, string]>(
      "DELETE FROM personal_examples WHERE modality = ? AND label = ? AND source = 'calibration'",
    );
    this.replaceAll = db.transaction(
      (modality: PersonalModality, label: Emotion, examples: readonly StoredExample[]) => {
        deleteStep.run(modality, label);
        this.insertMany(examples);
      },
    );
    this.clearAll = db.transaction(() => {
      db.prepare('DELETE FROM personal_examples').run();
      db.prepare('DELETE FROM personal_models').run();
    });
  }

  /** Stores examples in one transaction: all or none. */
  add(examples: readonly StoredExample[]): void {
    guard('save what you taught Attune', () => this.insertMany(examples));
  }

  /** Replaces the calibration examples of one step (a redone step forgets the old one), all or nothing. */
  replaceStep(modality: PersonalModality, label: Emotion, examples: readonly StoredExample[]): void {
    guard('save what you taught Attune', () => this.replaceAll(modality, label, examples));
  }

  examples(modality?: PersonalModality): StoredExample[] {
    const rows = guard('read what you taught Attune', () =>
      modality === undefined ? this.selectAll.all() : this.selectOf.all(modality),
    );
    return rows.map(toExample);
  }

  saveModel(modality: PersonalModality, fittedAt: number, model: object): void {
    const json = JSON.stringify(model);
    guard('save your personal model', () => this.upsertModel.run(modality, Math.round(fittedAt), json));
  }

  /** The stored model, null when none was fitted; `json` is undefined when the text is not JSON at all. */
  model(modality: PersonalModality): StoredModel | null {
    const row = guard('read your personal model', () => this.selectModel.get(modality));
    if (!row) return null;
    let json: unknown;
    try {
      json = JSON.parse(row.model) as unknown;
    } catch {
      json = undefined;
    }
    return { modality, fittedAt: row.fitted_at, json };
  }

  /** Forgets every example and model. */
  clear(): void {
    guard('forget what you taught Attune', () => this.clearAll());
  }
}
