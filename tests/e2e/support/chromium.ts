import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The system Chromium (Playwright's own browser download is not possible on our machines), else a browser
 * that `npx playwright install chromium` put in Playwright's cache.
 */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    playwrightChromium(),
  ];
  const found = candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it (Debian: apt-get install -y chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Flags that keep Chromium off the network and quiet on a closed machine. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * A fake camera (and optionally microphone) fed from files; permission prompts auto-accepted. The microphone plays
 * its file once unless `loopAudio` (then over and over, for a test that needs speech for longer than one file).
 */
export function fakeMediaFlags(video: string, audio?: string, { loopAudio = false } = {}): string[] {
  const flags = [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ];
  if (audio) flags.push(`--use-file-for-fake-audio-capture=${audio}${loopAudio ? '' : '%noloop'}`);
  return flags;
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
