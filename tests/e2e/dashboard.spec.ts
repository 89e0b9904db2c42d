import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { StoreReader } from './support/store-reader';

const host = hostForThisFile();

test('a face in front of the fake camera becomes a live mood, stored as numbers', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();
  await dashboard.expectFaceDetected();
  const label = await dashboard.expectMoodShown();
  expect(label).not.toBe('unknown');
  await dashboard.show('today');
  await expect(page.getByTestId('timeline')).toBeVisible();
  await dashboard.show('live');

  // The clip shows three people for 4 s each; at 2 frames a second, 24 face samples means all were seen.
  const store = new StoreReader(host().dbFile);
  try {
    await expect.poll(() => store.countSamples('face'), { timeout: 60_000 }).toBeGreaterThanOrEqual(24);
    expect(store.samplesHoldOnlyNumbersAndText()).toBe(true);
  } finally {
    store.close();
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
