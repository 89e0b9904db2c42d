import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

const host = hostForThisFile();

test('a face in front of the fake camera becomes a live mood, stored as numbers', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();
  await dashboard.expectFaceDetected();
  const label = await dashboard.expectMoodShown();
  expect(label).not.toBe('unknown');
  await expect(page.getByTestId('timeline')).toBeVisible();

  // The clip shows three people for 4 s each; at 2 frames a second, 24 face samples means all were seen.
  const db = new Database(host().dbFile, { readonly: true, fileMustExist: true });
  try {
    const faceSamples = (): number =>
      (db.prepare("SELECT count(*) AS n FROM samples WHERE source = 'face'").get() as { n: number }).n;
    await expect.poll(faceSamples, { timeout: 60_000 }).toBeGreaterThanOrEqual(24);
    const columns = db.prepare("SELECT name, type FROM pragma_table_info('samples')").all() as { type: string }[];
    expect(columns.every((c) => ['INTEGER', 'REAL', 'TEXT'].includes(c.type))).toBe(true);
  } finally {
    db.close();
  }
  // Nothing the page asked while the engine was starting may leave a stale warning behind.
  await expect(page.getByTestId('status-banner')).toBeHidden();
  await dashboard.screenshot(join('test-results', 'screenshots', 'dashboard.png'));
});

test('the host refuses requests without its token', async ({ request }) => {
  const bare = host().url.replace(/\?token=.*/, '');
  const res = await request.get(bare);
  expect(res.status()).toBe(401);
});
