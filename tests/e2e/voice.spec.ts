import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FACES_CLIP, SPEECH_WAV } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

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

  const db = new Database(host().dbFile, { readonly: true, fileMustExist: true });
  try {
    const voiceSamples = (): number =>
      (db.prepare("SELECT count(*) AS n FROM samples WHERE source = 'voice'").get() as { n: number }).n;
    await expect.poll(voiceSamples, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    // Only numbers and labels: no column could hold audio.
    const columns = db.prepare("SELECT name, type FROM pragma_table_info('samples')").all() as { type: string }[];
    expect(columns.every((c) => ['INTEGER', 'REAL', 'TEXT'].includes(c.type))).toBe(true);
  } finally {
    db.close();
  }
  await dashboard.screenshot(join('test-results', 'screenshots', 'voice.png'));
});
