import type { Database, Statement } from 'better-sqlite3';
import type { MoodSample } from '../../shared/mood';
import type { CheckIn, SelfRating } from '../../shared/text-input';
import { guard } from './errors';
import { COLUMNS, fromRow, SampleStore, type SampleRow } from './samples';

interface CheckInRow extends SampleRow {
  check_in_id: number;
  check_in_t: number;
  self_valence: number | null;
  self_arousal: number | null;
  note: string | null;
}

const SELECT = `
  SELECT c.id AS check_in_id, c.t AS check_in_t, c.self_valence, c.self_arousal, c.note,
    ${COLUMNS.map((c) => `s.${c}`).join(', ')}
  FROM check_ins c JOIN samples s ON s.id = c.sample_id`;

function toCheckIn(row: CheckInRow): CheckIn {
  const { self_valence: pleasantness, self_arousal: energy } = row;
  return {
    id: row.check_in_id,
    t: row.check_in_t,
    sample: fromRow(row),
    selfRating: pleasantness === null || energy === null ? null : { pleasantness, energy },
    note: row.note,
  };
}

/** Check-ins: a 'text' sample (the model's reading) and the person's own rating, written together. */
export class CheckInStore {
  private readonly samples: SampleStore;
  private readonly insertCheckIn: Statement<[number, number, number | null, number | null, string | null]>;
  private readonly selectRange: Statement<[number, number], CheckInRow>;
  private readonly addBoth: (sample: MoodSample, rating: SelfRating | null, note: string | null) => number;

  constructor(db: Database) {
    this.samples = new SampleStore(db);
    this.insertCheckIn = db.prepare(
      'INSERT INTO check_ins (t, sample_id, self_valence, self_arousal, note) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectRange = db.prepare(`${SELECT} WHERE c.t >= ? AND c.t < ? ORDER BY c.t, c.id`);
    this.addBoth = db.transaction((sample: MoodSample, rating: SelfRating | null, note: string | null) => {
      const [sampleId] = this.samples.insert([sample]);
      const info = this.insertCheckIn.run(
        sample.t,
        sampleId ?? 0,
        rating?.pleasantness ?? null,
        rating?.energy ?? null,
        note,
      );
      return Number(info.lastInsertRowid);
    });
  }

  /**
   * Stores the sample and the check-in in one transaction.
   * @throws AttuneError `bad-input` for a malformed sample, `database-unreadable` when the file cannot be written.
   */
  add(sample: MoodSample, rating: SelfRating | null, note: string | null): CheckIn {
    const id = guard('save the check-in', () => this.addBoth(sample, rating, note));
    return { id, t: sample.t, sample, selfRating: rating, note };
  }

  /** Check-ins with `from <= t < to` (unix ms), oldest first. */
  range(from: number, to: number): CheckIn[] {
    return guard('read check-ins', () => this.selectRange.all(from, to)).map(toCheckIn);
  }
}
