import { defineConfig } from '@playwright/test';
import { FACES_CLIP } from './tests/e2e/global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './tests/e2e/support/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/global-setup.ts',
  // One worker: each test starts a host with its own engine, and CI has two cores.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    // Debian's Chromium with a fake camera playing the clip global-setup builds from real photos.
    launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(FACES_CLIP)] },
    viewport: { width: 1280, height: 900 },
  },
});
