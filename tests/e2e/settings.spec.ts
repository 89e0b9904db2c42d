import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { seedHistory } from './support/seed-history';

// Two weeks of working days, written before the host opens the database.
const host = hostForThisFile({ seed: (dbFile) => seedHistory(dbFile, { days: 14 }) });
const shot = (name: string): string => join('test-results', 'screenshots', `${name}.png`);

/** The local day `back` days before today: its `<input type="date">` value and its span in Unix ms. */
function localDay(back: number): { value: string; from: number; to: number } {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back + 1);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const value = `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`;
  return { value, from: from.getTime(), to: to.getTime() };
}

test('export a chosen week as JSON, then delete two days: only those days are gone', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  // Paused, so nothing new is recorded while the files and the days are checked.
  await page.getByRole('button', { name: 'Pause watching' }).click();
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-state', 'paused');

  // Export: the seven days from 9 to 3 days ago, and nothing else.
  await dashboard.show('settings');
  const first = localDay(9);
  const last = localDay(3);
  await page.getByTestId('export-days').check();
  await page.getByTestId('export-range-from').fill(first.value);
  await page.getByTestId('export-range-to').fill(last.value);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = await (await downloading).path();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { samples: { t: number }[]; rollups: unknown[] };
  const times = json.samples.map((s) => s.t);
  expect(times.length).toBeGreaterThan(0);
  expect(times.filter((t) => t < first.from || t >= last.to)).toEqual([]);
  // Every one of the seven days is there (the seed writes each day from 9:00 to 17:00).
  const days = new Set(times.map((t) => new Date(t).toDateString()));
  expect(days.size).toBe(7);
  expect(json.rollups.length).toBeGreaterThan(0);

  // Delete 9 and 8 days ago, after a confirmation that names them.
  await page.getByTestId('delete-range-from').fill(localDay(9).value);
  await page.getByTestId('delete-range-to').fill(localDay(8).value);
  await page.getByTestId('delete-range').click();
  await expect(page.getByTestId('delete-range-confirm')).toContainText('2 days');
  await dashboard.screenshot(shot('settings-range'));
  await page.getByTestId('delete-range-confirm').click();
  await expect(page.getByTestId('delete-note')).toContainText(/^Deleted [\d,]+ records\.$/);
  await expect(page.getByTestId('delete-range-confirm')).toHaveCount(0);

  // Today, walked back a day at a time: 7 days ago still has its history, 8 and 9 have none, 10 has.
  await dashboard.show('today');
  const expected: Record<number, 'kept' | 'gone'> = { 7: 'kept', 8: 'gone', 9: 'gone', 10: 'kept' };
  for (let back = 1; back <= 10; back++) {
    await page.getByTestId('day-previous').click();
    await expect(page.getByTestId('timeline-loading')).toHaveCount(0);
    const state = expected[back];
    if (state === 'kept') await expect(page.getByTestId('moment-slider')).toBeVisible();
    if (state === 'gone') await expect(page.getByTestId('timeline-empty')).toBeVisible();
  }
  expect(pageErrors).toEqual([]);
});
