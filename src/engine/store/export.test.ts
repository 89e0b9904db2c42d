import { describe, expect, it } from 'vitest';
import type { MoodSample } from '../../shared/mood';
import { CheckInStore } from './check-ins';
import { EventStore } from './events';
import { EMOTIONS } from '../../shared/labels';
import { HistoryExporter, PERSONAL_CSV_HEADER } from './export';
import { openDatabase } from './open-database';
import { PersonalStore } from './personal';
import { RollupStore } from './rollups';
import { SampleStore } from './samples';
import { sample } from './test-helpers';

const M = 60_000;

function setup() {
  const db = openDatabase(':memory:');
  const written: MoodSample[] = [
    sample(M, 'fused', { shares: { face: 0.5, voice: 0.5, text: 0 } }),
    sample(M, 'face'),
    sample(M + 1000, 'fused', { label: 'unknown' }),
    sample(2 * M, 'fused', { label: 'sad', valence: -0.5 }),
    sample(9 * M, 'fused'), // outside the exported range
  ];
  new SampleStore(db).insert(written);
  new RollupStore(db).refresh(10 * M);
  new EventStore(db).add(M + 5000, 'pause', { minutes: 15 });
  new CheckInStore(db).add(sample(2 * M + 1, 'text'), { pleasantness: 0.5, energy: 0.5 }, null);
  const personal = new PersonalStore(db);
  const probs = sample(0).probs;
  personal.add([
    { t: 3 * M, modality: 'face', source: 'calibration', label: 'sad', weight: 1, group: 'face-sad-a', probs },
    { t: 9 * M, modality: 'face', source: 'correction', label: 'angry', weight: 3, group: null, probs },
  ]);
  personal.saveModel('face', 3 * M, { version: 1, strength: 0.5 });
  return { db, written, exporter: new HistoryExporter(db) };
}

async function collect(exporter: HistoryExporter, format: 'csv' | 'json', pageSize: number) {
  const chunks: string[] = [];
  await exporter.export(format, 0, 5 * M, (c) => void chunks.push(c), { pageSize, now: 123 });
  return chunks;
}

describe('HistoryExporter', () => {
  it('writes CSV with a header and one row per sample, in pages, ordered by time', async () => {
    const { exporter } = setup();
    const chunks = await collect(exporter, 'csv', 2);
    expect(chunks.length).toBeGreaterThan(2);
    // The samples table ends at the empty line before the personal examples' table (next test).
    const [samplesTable = ''] = chunks.join('').split('\n\n');
    const lines = samplesTable.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'time,t,source,label,p_neutral,p_happy,p_sad,p_angry,p_fearful,p_disgusted,p_surprised,' +
        'valence,arousal,confidence,share_face,share_voice,share_text,' +
        'check_in_pleasantness,check_in_energy,check_in_note',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 4).join(' '))).toEqual([
      '60000 fused happy',
      '60000 face happy',
      '61000 fused unknown',
      '120000 fused sad',
      '120001 text happy',
    ]);
    expect(lines[1]).toBe(
      '1970-01-01T00:01:00.000Z,60000,fused,happy,0.1,0.6,0.05,0.05,0.1,0.04,0.06,0.5,-0.25,0.75,0.5,0.5,0,,,',
    );
    expect(lines[2]?.endsWith(',0.75,,,,,,')).toBe(true);
    // The check-in's text sample carries the person's own rating (no note was kept).
    expect(lines[5]?.endsWith(',0.5,0.5,')).toBe(true);
  });

  it("adds the personal model's examples of the range as a second CSV table, after an empty line", async () => {
    const { exporter } = setup();
    const text = (await collect(exporter, 'csv', 2)).join('');
    const tables = text.split('\n\n');
    expect(tables).toHaveLength(2);
    const p = sample(0).probs;
    expect(tables[1]?.trimEnd().split('\n')).toEqual([
      PERSONAL_CSV_HEADER,
      // The correction at 9 min is outside the range, as its samples are.
      `1970-01-01T00:03:00.000Z,180000,face,calibration,sad,1,"face-sad-a",${EMOTIONS.map((e) => p[e]).join(',')}`,
    ]);
    expect(PERSONAL_CSV_HEADER).toBe(
      'personal_example_time,t,modality,source,label,weight,group,' +
        'p_neutral,p_happy,p_sad,p_angry,p_fearful,p_disgusted,p_surprised',
    );
  });

  it('stays one table when the range has no personal example', async () => {
    const { db, exporter } = setup();
    new PersonalStore(db).clear();
    const text = (await collect(exporter, 'csv', 100)).join('');
    expect(text).not.toContain('\n\n');
    expect(text).not.toContain('personal_example_time');
  });

  it('puts a kept check-in note in the CSV, quoted, and never as a formula', async () => {
    const { db, exporter } = setup();
    const store = new CheckInStore(db);
    store.add(sample(3 * M, 'text'), null, 'Long day, but "the walk"\nhelped');
    store.add(sample(4 * M, 'text'), { pleasantness: -0.5, energy: 0 }, '=HYPERLINK("x")');
    const text = (await collect(exporter, 'csv', 100)).join('');
    expect(text).toContain(',,,"Long day, but ""the walk""\nhelped"\n');
    expect(text).toContain(',-0.5,0,"\'=HYPERLINK(""x"")"\n');
  });

  it('writes JSON with samples, rollups, prompts, events and check-ins of the range', async () => {
    const { exporter, written } = setup();
    const chunks = await collect(exporter, 'json', 2);
    const doc = JSON.parse(chunks.join('')) as Record<string, unknown[]> & { exportedAt: number };
    expect(doc.exportedAt).toBe(123);
    expect(doc.range).toEqual({ from: 0, to: 5 * M });
    expect(doc.samples).toHaveLength(5);
    expect(doc.samples?.[0]).toEqual(written[0]);
    expect(doc.rollups).toMatchObject([
      { minute: M, n: 2 },
      { minute: 2 * M, n: 1 },
    ]);
    expect(doc.prompts).toEqual([]);
    expect(doc.events).toMatchObject([{ kind: 'pause', data: { minutes: 15 } }]);
    expect(doc.checkIns).toMatchObject([{ t: 2 * M + 1, selfRating: { pleasantness: 0.5 } }]);
    // What the personal model learnt in the range (numbers only), and the model fitted now.
    expect(doc.personal).toEqual({
      examples: [expect.objectContaining({ t: 3 * M, label: 'sad', source: 'calibration', probs: sample(0).probs })],
      models: [{ modality: 'face', fittedAt: 3 * M, model: { version: 1, strength: 0.5 } }],
    });
  });

  it('gives an empty but valid document for an empty range, and awaits a slow writer', async () => {
    const { exporter } = setup();
    const chunks: string[] = [];
    await exporter.export('json', 50 * M, 60 * M, async (c) => {
      await Promise.resolve();
      chunks.push(c);
    });
    expect(JSON.parse(chunks.join(''))).toMatchObject({ samples: [], rollups: [], events: [], checkIns: [] });
  });
});
