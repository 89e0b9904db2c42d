import { test, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { StoreReader } from './support/store-reader';

const host = hostForThisFile();

/** Records every getUserMedia request the page makes (which kinds it asked for), before any page script runs. */
async function watchMediaRequests(page: Page): Promise<void> {
  // A string, as it runs in the page (whose DOM types this Node-side file does not have).
  await page.addInitScript(`
    window.mediaRequests = [];
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints) => {
      window.mediaRequests.push([constraints?.video ? 'video' : '', constraints?.audio ? 'audio' : ''].filter(Boolean).join('+'));
      return original(constraints);
    };
  `);
}

const mediaRequests = (page: Page): Promise<string[]> => page.evaluate<string[]>('window.mediaRequests');

test('the first run asks before anything is sensed, and the choice of sensors is kept', async ({ page }) => {
  await watchMediaRequests(page);
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url, { firstRun: 'leave' });

  // A fresh host: the first-run page, and neither sensor chosen.
  const intro = page.getByTestId('first-run');
  await expect(intro).toBeVisible();
  await expect(intro).toContainText('Nothing leaves this computer');
  await expect(intro).toContainText('never kept');
  await expect(intro).toContainText('Break prompts stay off');
  await expect(intro).toContainText('check in with a rating and a few words');
  await expect(intro).toContainText('Keep my notes');
  await expect(page.getByTestId('first-run-camera')).not.toBeChecked();
  await expect(page.getByTestId('first-run-microphone')).not.toBeChecked();
  await expect(page.getByRole('tablist', { name: 'Views' })).toHaveCount(0);
  await dashboard.screenshot(join('test-results', 'screenshots', 'first-run.png'));

  // Nothing was asked of the camera or microphone, and nothing was stored, before consent.
  expect(await mediaRequests(page)).toEqual([]);
  const store = new StoreReader(host().dbFile);
  try {
    expect(store.countSamples('face')).toBe(0);
  } finally {
    store.close();
  }

  // Camera only: the camera comes on, the microphone is never opened.
  await page.getByTestId('first-run-camera').check();
  await page.getByTestId('first-run-start').click();
  await expect(page.getByTestId('first-run')).toContainText('Teach Attune your expressions');
  await page.getByTestId('first-run-finish').click();
  await dashboard.expectCameraOn();
  await expect(page.getByTestId('microphone-status')).toHaveAttribute('data-state', 'off');
  expect(await mediaRequests(page)).toEqual(['video']);

  // Reloading: no first run again, the camera comes back on, the microphone stays off.
  await page.reload();
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeVisible();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await dashboard.expectCameraOn();
  expect(await mediaRequests(page)).toEqual(['video']);
  await dashboard.show('settings');
  await expect(page.getByTestId('sensor-camera')).toBeChecked();
  await expect(page.getByTestId('sensor-microphone')).not.toBeChecked();
});
