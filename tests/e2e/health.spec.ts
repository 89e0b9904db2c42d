/**
 * Issue 15: problems Attune meets on a real machine are told in plain words on the dashboard while the rest keeps
 * working. The host starts with a damaged history file (random bytes) and a models folder whose voice model was
 * cut short, as an interrupted copy leaves it; the camera held by another program is Chromium's own
 * NotReadableError, raised by a page whose getUserMedia fails for video (the fake camera cannot be made busy).
 */
import { test, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

const MODELS = join(import.meta.dirname, '..', '..', 'resources', 'models');
const VOICE_MODEL = 'voice-cnn.onnx';

/** A copy of the models with the voice model cut to half its length. */
function modelsWithTruncatedVoice(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-models-')), 'models');
  mkdirSync(dir);
  for (const name of readdirSync(MODELS)) copyFileSync(join(MODELS, name), join(dir, name));
  const bytes = readFileSync(join(MODELS, VOICE_MODEL));
  writeFileSync(join(dir, VOICE_MODEL), bytes.subarray(0, bytes.length >> 1));
  return dir;
}

const models = modelsWithTruncatedVoice();
const garbage = randomBytes(64 * 1024);
const host = hostForThisFile({ seed: (dbFile) => writeFileSync(dbFile, garbage), args: ['--models-dir', models] });
test.afterAll(() => rmSync(join(models, '..'), { recursive: true, force: true }));

test('a damaged history and a damaged voice model are told in plain words; the live mood still works', async ({
  page,
}) => {
  const dashboard = new DashboardPage(page);
  // The history could not be read, so the first run asks again which sensors to use.
  await dashboard.open(host().url);
  const history = page.locator('[data-testid="health-notice"][data-part="database"]');
  await expect(history).toHaveText(/can't read its saved mood history.*Live mood still works, but nothing is saved/);
  const voice = page.locator('[data-testid="health-notice"][data-part="voice"]');
  await expect(voice).toHaveText(
    /tone of voice because a file it needs is damaged\. Face and written words still work/,
  );
  // The engine is up, not restarting in a loop: no engine banner, and the face path runs.
  await expect(page.getByTestId('status-banner')).toBeHidden();
  await dashboard.expectCameraOn();
  await dashboard.expectFaceDetected();
  await dashboard.expectMoodShown();
  await dashboard.screenshot(join('docs', 'screenshots', 'health-notices.png'));
  // Nothing was written over the damaged file: it is there for the person to move aside or restore.
  expect(readFileSync(host().dbFile).equals(garbage)).toBe(true);
});

test('a camera held by another program is named, with what still works', async ({ page }) => {
  // What Chromium raises when another program holds the camera; the microphone still opens. A string, as the
  // tests' TypeScript has no DOM types.
  await page.addInitScript(`
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      constraints && constraints.video
        ? Promise.reject(new DOMException('Could not start video source', 'NotReadableError'))
        : open(constraints);
  `);
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-state', 'busy');
  await expect(page.locator('[data-testid="health-notice"][data-part="camera"]')).toHaveText(
    // The voice model of this host is damaged too: only what really works is promised.
    /Another program is using the camera\. Written words still work\. Attune tries the camera again by itself/,
  );
  await dashboard.screenshot(join('test-results', 'screenshots', 'health-camera-busy.png'));
});
