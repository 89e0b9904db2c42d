import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

const host = hostForThisFile();

test('a check-in written on the dashboard is read, stored as numbers and marked on today’s timeline', async ({
  page,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();

  const note = 'Finished the report early and had a lovely walk, feeling great';
  // The meter works from the keyboard: from the middle, right and up is column 3 (pleasant), row 1 (high energy).
  expect(await dashboard.rateWithKeys(['ArrowRight', 'ArrowUp'])).toBe('mood-cell-3-1');
  await expect(page.getByTestId('mood-cell-3-1')).toBeFocused();
  await dashboard.checkIn(note);
  const reading = await dashboard.expectCheckInReading();
  expect(reading).toBe('Saved. You rated this moment pleasant, high energy; Attune counts your rating for it.');
  const lines = await dashboard.expectTimelineCheckIns(1);
  expect(lines[0]).toMatch(/check-in: pleasant, high energy$/);

  const db = new Database(host().dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'SELECT c.self_valence AS v, c.self_arousal AS a, c.note, s.source FROM check_ins c JOIN samples s ON s.id = c.sample_id',
      )
      .all() as { v: number; a: number; note: string | null; source: string }[];
    expect(rows).toEqual([{ v: 0.5, a: 0.5, note: null, source: 'text' }]);
    // The note is not kept anywhere by default.
    const dump = JSON.stringify(db.prepare('SELECT * FROM samples').all());
    expect(dump).not.toContain('lovely walk');
  } finally {
    db.close();
  }
  await dashboard.show('live');
  await page.getByTestId('check-in').scrollIntoViewIfNeeded();
  await dashboard.screenshot(join('test-results', 'screenshots', 'check-in.png'));
});

test('text sent to the local endpoint after switching it on in settings is stored as a reading, not as text', async ({
  page,
  request,
}) => {
  const dashboard = new DashboardPage(page);
  // The tray's "Check in…" opens the dashboard at #check-in: the note has the focus.
  await dashboard.open(`${host().url}#check-in`);
  await expect(page.getByTestId('check-in-note')).toBeFocused();
  await dashboard.expectCameraOn();
  const { url, token } = await dashboard.enableIngest();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/text$/);
  expect(token).toMatch(/^[\w-]{43}$/);

  const refused = await request.post(url, { data: { text: 'hi' }, headers: { Authorization: 'Bearer wrong' } });
  expect(refused.status()).toBe(401);
  const lines = ['{"text":"so angry about this delay"}', '{"text":"thanks, that was kind","source":"chat"}'];
  const res = await request.post(url, {
    data: lines.join('\n'),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ stored: 2 });

  const db = new Database(host().dbFile, { readonly: true, fileMustExist: true });
  try {
    const texts = db.prepare("SELECT count(*) AS n FROM samples WHERE source = 'text'").get() as { n: number };
    expect(texts.n).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(db.prepare('SELECT * FROM samples').all())).not.toContain('delay');
  } finally {
    db.close();
  }
});
