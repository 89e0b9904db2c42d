import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FACES_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { startHostProcess, type HostProcess } from './support/host-process';

test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(FACES_CLIP)] },
  viewport: { width: 1280, height: 900 },
});

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHostProcess();
});

test.afterAll(async () => {
  await host.stop();
});

test('a face in front of the fake camera becomes a live mood, stored as numbers', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host.url);
  await dashboard.expectCameraOn();
  await dashboard.expectFaceDetected();
  const label = await dashboard.expectMoodShown();
  expect(label).not.toBe('unknown');
  await expect(page.getByTestId('timeline')).toBeVisible();
  await dashboard.screenshot(join('test-results', 'screenshots', 'dashboard.png'));

  const db = new Database(host.dbFile, { readonly: true, fileMustExist: true });
  try {
    const { n } = db.prepare("SELECT count(*) AS n FROM samples WHERE source = 'face'").get() as { n: number };
    expect(n).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});

test('the host refuses requests without its token', async ({ request }) => {
  const bare = host.url.replace(/\?token=.*/, '');
  const res = await request.get(bare);
  expect(res.status()).toBe(401);
});
