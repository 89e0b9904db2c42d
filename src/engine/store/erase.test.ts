import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedOffset } from '../../shared/history';
import { CheckInStore } from './check-ins';
import { HistoryEraser } from './erase';
import { EventStore } from './events';
import { openDatabase } from './open-database';
import { PersonalStore } from './personal';
import { RollupStore } from './rollups';
import { SampleStore } from './samples';
import { SettingsStore } from './settings';
import { sample, tempDir } from './test-helpers';

const H = 3_600_000;
const D = 24 * H;
/** A valence no other value in the file has, to look for its bytes (SQLite stores REALs big-endian). */
const MARK = 0.123456789012345;
const NOTE = 'zebra-crossing-marker-note';

function markBytes(): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(MARK);
  return b;
}

function fill(db: ReturnType<typeof openDatabase>) {
  const samples = new SampleStore(db);
  for (let day = 0; day < 3; day++) {
    samples.insert(
      Array.from({ length: 200 }, (_, i) => sample(day * D + 10 * H + i * 1000, 'fused', { valence: MARK })),
    );
  }
  new RollupStore(db).refresh(3 * D);
  new EventStore(db).add(D + 11 * H, 'pause', { minutes: 15 });
  new CheckInStore(db).add(sample(D + 12 * H, 'text'), { pleasantness: 0, energy: 0 }, NOTE);
  new SettingsStore(db).set('frameRate', 2);
}

const count = (db: ReturnType<typeof openDatabase>, table: string): number =>
  db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? -1;

/** A probability no other value in the file has, for the personal model's examples. */
const PERSONAL_MARK = 0.0987654321012345;

function bytesOf(v: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return b;
}

describe('HistoryEraser', () => {
  it('deletes what the personal model learnt with everything else, leaving none of it in the files', () => {
    const { dir, remove } = tempDir();
    try {
      const file = join(dir, 'attune.db');
      const db = openDatabase(file);
      fill(db);
      const personal = new PersonalStore(db);
      const probs = { ...sample(0).probs, happy: PERSONAL_MARK };
      personal.add(
        ['neutral', 'happy', 'sad'].map((label, i) => ({
          t: D + i * 1000,
          modality: 'face' as const,
          source: 'calibration' as const,
          label: label as 'neutral' | 'happy' | 'sad',
          weight: 1,
          group: `face-${label}`,
          probs,
        })),
      );
      personal.saveModel('face', D, { version: 1, marker: PERSONAL_MARK });
      db.pragma('wal_checkpoint(TRUNCATE)');
      // Before: the examples and the model are in the database file.
      expect(readFileSync(file).includes(bytesOf(PERSONAL_MARK))).toBe(true);
      const result = new HistoryEraser(db).all({ keepSettings: true });
      expect(result.deleted).toMatchObject({ personal_examples: 3, personal_models: 1 });
      expect(count(db, 'personal_examples') + count(db, 'personal_models')).toBe(0);
      expect(count(db, 'settings')).toBe(1);
      for (const f of [file, `${file}-wal`].filter((p) => existsSync(p))) {
        const bytes = readFileSync(f);
        expect(bytes.includes(bytesOf(PERSONAL_MARK))).toBe(false);
        expect(bytes.includes(Buffer.from(String(PERSONAL_MARK)))).toBe(false);
      }
      db.close();
    } finally {
      remove();
    }
  });

  it('keeps calibration examples when deleting a day (they are reset on their own or by delete all)', () => {
    const db = openDatabase(':memory:');
    fill(db);
    const personal = new PersonalStore(db);
    personal.add([
      {
        t: D + H,
        modality: 'face',
        source: 'calibration',
        label: 'sad',
        weight: 1,
        group: null,
        probs: sample(0).probs,
      },
    ]);
    new HistoryEraser(db).day(D + H, fixedOffset(0));
    expect(count(db, 'personal_examples')).toBe(1);
  });

  it('deletes the corrections and check-ins taught in a deleted day, and a model none of whose examples is left', () => {
    const db = openDatabase(':memory:');
    fill(db);
    const personal = new PersonalStore(db);
    const example = (t: number, modality: 'face' | 'voice', source: 'correction' | 'check-in' | 'calibration') => ({
      t,
      modality,
      source,
      label: 'sad' as const,
      weight: 1,
      group: null,
      probs: sample(0).probs,
    });
    personal.add([
      example(D + H, 'face', 'correction'),
      example(D + 2 * H, 'voice', 'check-in'),
      example(D + 3 * H, 'face', 'calibration'),
      example(2 * D + H, 'voice', 'correction'),
    ]);
    personal.saveModel('face', D, { version: 1 });
    personal.saveModel('voice', D, { version: 1 });
    const result = new HistoryEraser(db).day(D + H, fixedOffset(0));
    expect(result.deleted).toMatchObject({ personal_examples: 2, personal_models: 0 });
    expect(personal.examples().map((e) => [e.t, e.source])).toEqual([
      [D + 3 * H, 'calibration'],
      [2 * D + H, 'correction'],
    ]);
    // The next day's voice correction goes too: now no voice example is left, so its model goes with it.
    expect(new HistoryEraser(db).day(2 * D + H, fixedOffset(0)).deleted).toMatchObject({ personal_models: 1 });
    expect(personal.model('voice')).toBeNull();
    expect(personal.model('face')).not.toBeNull();
  });

  it('deletes everything so that no deleted value is left in the database or WAL file', () => {
    const { dir, remove } = tempDir();
    try {
      const file = join(dir, 'attune.db');
      const db = openDatabase(file);
      fill(db);
      const result = new HistoryEraser(db).all();
      expect(result.walTruncated).toBe(true);
      expect(result.deleted).toMatchObject({ samples: 601, check_ins: 1, events: 1, rollups: 12, settings: 1 });
      for (const table of ['samples', 'rollups', 'rollup_quarters', 'prompts', 'events', 'check_ins', 'settings']) {
        expect(count(db, table)).toBe(0);
      }
      for (const f of [file, `${file}-wal`].filter((p) => existsSync(p))) {
        const bytes = readFileSync(f);
        expect(bytes.includes(markBytes())).toBe(false);
        expect(bytes.includes(Buffer.from(NOTE))).toBe(false);
      }
      db.close();
    } finally {
      remove();
    }
  });

  it('leaves no deleted value in the files after deleting day by day either', () => {
    const { dir, remove } = tempDir();
    try {
      const file = join(dir, 'attune.db');
      const db = openDatabase(file);
      fill(db);
      const eraser = new HistoryEraser(db);
      for (const day of [1, 0, 2]) eraser.day(day * D + H, fixedOffset(0));
      expect(count(db, 'samples') + count(db, 'rollups') + count(db, 'check_ins')).toBe(0);
      for (const f of [file, `${file}-wal`].filter((p) => existsSync(p))) {
        const bytes = readFileSync(f);
        expect(bytes.includes(markBytes())).toBe(false);
        expect(bytes.includes(Buffer.from(NOTE))).toBe(false);
      }
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    } finally {
      remove();
    }
  });

  it('leaves no trace of a deleted day while the days around it stay', () => {
    const { dir, remove } = tempDir();
    try {
      const file = join(dir, 'attune.db');
      const db = openDatabase(file);
      const samples = new SampleStore(db);
      for (let day = 0; day < 5; day++) {
        const valence = day === 2 ? MARK : 0.5;
        samples.insert(Array.from({ length: 3000 }, (_, i) => sample(day * D + i * 1000, 'fused', { valence })));
      }
      new RollupStore(db).refresh(5 * D);
      expect(new HistoryEraser(db).day(2 * D + H, fixedOffset(0)).deleted).toMatchObject({ samples: 3000 });
      expect(samples.count()).toBe(12_000);
      for (const f of [file, `${file}-wal`].filter((p) => existsSync(p))) {
        expect(readFileSync(f).includes(markBytes())).toBe(false);
      }
      db.close();
    } finally {
      remove();
    }
  });

  it('can keep the settings', () => {
    const db = openDatabase(':memory:');
    fill(db);
    new HistoryEraser(db).all({ keepSettings: true });
    expect(count(db, 'settings')).toBe(1);
    expect(count(db, 'samples')).toBe(0);
  });

  it('deletes one local day: its samples, rollups, events and check-ins, nothing else', () => {
    const db = openDatabase(':memory:');
    fill(db);
    const result = new HistoryEraser(db).day(D + 15 * H, fixedOffset(0));
    expect(result.deleted).toMatchObject({ samples: 201, rollups: 4, events: 1, check_ins: 1 });
    const days = new SampleStore(db).range(0, 3 * D).map((s) => Math.floor(s.t / D));
    expect(new Set(days)).toEqual(new Set([0, 2]));
    expect(new RollupStore(db).range(D, 2 * D)).toEqual([]);
    expect(new RollupStore(db).range(0, 3 * D)).toHaveLength(8);
  });

  it('deletes a range, including a rollup whose minute the range only partly covers', () => {
    const db = openDatabase(':memory:');
    fill(db);
    // 10:00:30 to 10:01:30 on day 0 touches minutes 10:00 and 10:01.
    const from = 10 * H + 30_000;
    const result = new HistoryEraser(db).range(from, from + 60_000);
    expect(result.deleted).toMatchObject({ samples: 60, rollups: 2 });
    // 200 samples from 10:00:00; the minutes 10:00 and 10:01 went whole, so the 10:00 quarter keeps 200 - 120.
    expect(db.prepare('SELECT quarter, n FROM rollup_quarters WHERE quarter < ?').all(D)).toEqual([
      { quarter: 10 * H, n: 80 },
    ]);
    expect(() => new HistoryEraser(db).range(5, 5)).toThrow(/start before its end/);
  });
});
