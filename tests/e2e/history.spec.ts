import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { EMOTIONS } from '../../src/shared/labels';
import { HostApi } from './support/host-api';
import { hostForThisFile } from './support/host-fixture';
import { seedHistory } from './support/seed-history';

const DAY_MS = 86_400_000;
const host = hostForThisFile({ seed: (dbFile) => seedHistory(dbFile, { days: 7 }) });

const CSV_HEADER = [
  'time',
  't',
  'source',
  'label',
  ...EMOTIONS.map((e) => `p_${e}`),
  'valence',
  'arousal',
  'confidence',
  'share_face',
  'share_voice',
  'share_text',
  'check_in_pleasantness',
  'check_in_energy',
  'check_in_note',
].join(',');

/** Rows per table, read from the host's database file beside the running host. */
function counts(dbFile: string): Record<'samples' | 'rollups' | 'prompts' | 'events' | 'check_ins', number> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const n = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      samples: n('samples'),
      rollups: n('rollups'),
      prompts: n('prompts'),
      events: n('events'),
      check_ins: n('check_ins'),
    };
  } finally {
    db.close();
  }
}

/** Every string anywhere in a JSON value: an export holds codes, never text, images or audio. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

test('a seeded week exports once as CSV and JSON (numbers only), then deleting a day and then everything empties the database', async () => {
  const { url, dbFile } = host();
  const api = await HostApi.connect(url);
  try {
    await api.engineReady();
    const before = counts(dbFile);
    expect(before.samples).toBeGreaterThan(5 * 480);

    // CSV: the host gives a one-time address; the file is fetched with the page's token.
    const csvTarget = await api.call('exportHistory', 'csv');
    if (csvTarget.kind !== 'download') throw new Error(`expected a download, got ${csvTarget.kind}`);
    expect(csvTarget.filename).toMatch(/^attune-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const address = new URL(csvTarget.url, url);
    expect((await fetch(address)).status).toBe(401);
    const token = new URL(url).searchParams.get('token') ?? '';
    address.searchParams.set('token', token);
    const csv = await fetch(address);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${csvTarget.filename}"`);
    const lines = (await csv.text()).trimEnd().split('\n');
    expect((await fetch(address)).status).toBe(404);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(before.samples + 1);
    // Every field is a time, a number, a source or a label (no note was kept): nothing else could hide there.
    const odd = lines.slice(1).filter((line) => {
      const [time, ...fields] = line.split(',');
      return (
        fields.length !== 19 ||
        !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(time ?? '') ||
        !fields.every((f) => /^(-?[\d.e-]*|[a-z]+)$/.test(f))
      );
    });
    expect(odd).toEqual([]);

    // JSON: the same history with its rollups, prompts, events and check-ins.
    const jsonTarget = await api.call('exportHistory', 'json');
    if (jsonTarget.kind !== 'download') throw new Error(`expected a download, got ${jsonTarget.kind}`);
    const jsonAddress = new URL(jsonTarget.url, url);
    jsonAddress.searchParams.set('token', token);
    const jsonReply = await fetch(jsonAddress);
    const json = (await jsonReply.json()) as Record<string, unknown[]>;
    expect((await fetch(jsonAddress)).status).toBe(404);
    expect(json.samples).toHaveLength(before.samples);
    expect(json.rollups).toHaveLength(before.rollups);
    expect(json.prompts).toHaveLength(before.prompts);
    expect(json.events).toHaveLength(before.events);
    expect(json.checkIns).toHaveLength(before.check_ins);
    expect(Math.max(...strings(json).map((s) => s.length))).toBeLessThanOrEqual(32);

    // Yesterday goes, and only yesterday.
    const yesterday = Date.now() - DAY_MS;
    const day = await api.call('getDayHistory', { from: yesterday - 12 * 3_600_000, to: yesterday + 12 * 3_600_000 });
    expect(day.rollups.length).toBeGreaterThan(0);
    const { deleted } = await api.call('deleteHistory', { kind: 'day', t: yesterday });
    expect(deleted.samples).toBeGreaterThanOrEqual(480);
    const afterDay = counts(dbFile);
    expect(afterDay.samples).toBe(before.samples - (deleted.samples ?? 0));
    expect(afterDay.samples).toBeGreaterThan(0);

    // Everything goes.
    await api.call('deleteHistory', { kind: 'all' });
    expect(counts(dbFile)).toEqual({ samples: 0, rollups: 0, prompts: 0, events: 0, check_ins: 0 });
    const trends = await api.call('getTrends', { from: Date.now() - 7 * DAY_MS, to: Date.now() });
    expect(trends.days.every((d) => d.n === 0)).toBe(true);
  } finally {
    api.close();
  }
});
