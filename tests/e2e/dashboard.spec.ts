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

test('the camera preview shows the analysed face boxed, only while asked', async ({ page }) => {
  // Counts the page's requests for a camera: the preview must reuse the capture's, not open its own. A string, as
  // it runs in the page (whose DOM types this Node-side file does not have).
  await page.addInitScript(`
    window.cameraOpens = 0;
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints) => {
      if (constraints?.video) window.cameraOpens += 1;
      return original(constraints);
    };
  `);
  const cameraOpens = (): Promise<number> => page.evaluate<number>('window.cameraOpens');
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();
  await dashboard.expectFaceDetected();
  // Off by default: no video until the person asks for one.
  await expect(page.getByTestId('preview-toggle')).not.toBeChecked();
  await expect(page.getByTestId('preview-video')).toHaveCount(0);

  await dashboard.setPreview(true);
  await expect(page.getByTestId('preview-note')).toContainText('never recorded');
  const { video, face } = await dashboard.expectPreviewFaceBox();
  expect(face.width).toBeGreaterThan(0);
  expect(face.height).toBeGreaterThan(0);
  // The box lies over the picture (a pixel of slack for rounding).
  expect(face.x).toBeGreaterThanOrEqual(video.x - 1);
  expect(face.y).toBeGreaterThanOrEqual(video.y - 1);
  expect(face.x + face.width).toBeLessThanOrEqual(video.x + video.width + 1);
  expect(face.y + face.height).toBeLessThanOrEqual(video.y + video.height + 1);
  // The page shares the capture's camera stream: the preview opened no second one.
  expect(await cameraOpens()).toBe(1);
  const live = await page.evaluate<number>(
    `[...document.querySelector('[data-testid="preview-video"]').srcObject.getVideoTracks()]
      .filter((t) => t.readyState === 'live').length`,
  );
  expect(live).toBe(1);
  await page.getByTestId('camera-status').scrollIntoViewIfNeeded();
  await dashboard.screenshot(join('test-results', 'screenshots', 'preview.png'));

  // Paused: words instead of a picture.
  await page.getByRole('button', { name: 'Pause watching' }).click();
  await expect(page.getByTestId('preview-quiet')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('preview-video')).toHaveCount(0);
  await page.getByRole('button', { name: /Resume/ }).click();
  await dashboard.expectPreviewFaceBox(60_000);

  await dashboard.setPreview(false);
  await expect(page.getByTestId('preview-video')).toHaveCount(0);
  await expect(page.getByTestId('preview-face-box')).toHaveCount(0);
  // Hiding the preview leaves the analysis running.
  await dashboard.expectCameraOn();

  // The camera off in Settings: the preview says so instead of showing a picture.
  await dashboard.show('settings');
  await page.getByTestId('sensor-camera').uncheck();
  await dashboard.setPreview(true);
  await expect(page.getByTestId('preview-quiet')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('preview-video')).toHaveCount(0);
  await dashboard.show('settings');
  await page.getByTestId('sensor-camera').check();
  await dashboard.show('live');
  await dashboard.expectCameraOn();
});
