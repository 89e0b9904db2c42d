import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FACES_CLIP, SPEECH_WAV } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { StoreReader } from './support/store-reader';

// The fake microphone plays synthesised speech (global-setup builds it with espeak-ng) once, after 2 s of quiet.
test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(FACES_CLIP, SPEECH_WAV)] },
});

const host = hostForThisFile();

test('speech at the fake microphone becomes a voice reading, stored as numbers only', async ({ page }) => {
  expect(existsSync(SPEECH_WAV), 'speech fixture missing: apt-get install -y espeak-ng').toBe(true);
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectMicrophoneOn();
  const label = await dashboard.expectVoiceReading();
  expect(label).toMatch(/^(neutral|happy|sad|angry|fearful|disgusted|surprised|unknown)$/);
  await expect(page.getByTestId('voice-status')).toHaveText(/^Your voice (sounds \w+|was hard to read just now)\.$/);

  const store = new StoreReader(host().dbFile);
  try {
    await expect.poll(() => store.countSamples('voice'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    // Only numbers and labels: no column could hold audio.
    expect(store.samplesHoldOnlyNumbersAndText()).toBe(true);
  } finally {
    store.close();
  }
  await dashboard.screenshot(join('test-results', 'screenshots', 'voice.png'));
});
