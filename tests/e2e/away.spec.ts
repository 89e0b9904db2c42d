import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { AWAY_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

// A camera that sees one smiling person for six seconds, then nobody for six, over and over.
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(AWAY_CLIP)] } });

const host = hostForThisFile();

/** The words under the label must agree with it: one estimate, one story. */
const AGREES: Record<string, RegExp> = {
  happy: /^(pleasant|very pleasant)$/,
  neutral: /^neither pleasant nor unpleasant$/,
  sad: /^(unpleasant|very unpleasant)$/,
};

test('one story on the Live card, and stepping away holds the last mood, greyed, instead of changing it', async ({
  page,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();
  const label = page.getByTestId('live-label');
  const away = page.getByTestId('live-away');

  // While the face is in view, the feeling words agree with the label.
  await expect(away).toBeHidden({ timeout: 60_000 });
  const seen = await dashboard.expectMoodShown();
  const agree = AGREES[seen];
  if (agree) await expect(page.getByTestId('live-feeling')).toHaveText(agree);

  // From here on the page records every label it draws, and whether it was marked away at the time.
  await page.evaluate(`(() => {
    const log = [];
    window.__labels = log;
    const note = () => {
      const el = document.querySelector('[data-testid="live-label"]');
      log.push([el ? el.getAttribute('data-label') : null, !!document.querySelector('[data-testid="live-away"]')]);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);

  // The face leaves: the mood is held and marked away.
  await expect(away).toBeVisible({ timeout: 30_000 });
  const held = await label.getAttribute('data-label');
  expect(held).not.toBe('unknown');
  await expect(page.getByText(/Away: no face in view/)).toBeVisible();
  await dashboard.screenshot(join('docs', 'screenshots', 'live-away.png'));
  // Looping back to the face ends the hold; all the while away, the label never changed.
  await expect(away).toBeHidden({ timeout: 30_000 });
  const log = await page.evaluate<[string | null, boolean][]>('window.__labels');
  const whileAway = log.filter(([, isAway]) => isAway).map(([l]) => l);
  expect(whileAway.length).toBeGreaterThan(0);
  expect(new Set(whileAway)).toEqual(new Set([held]));

  // A paused microphone makes no claim about the voice.
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('voice-status')).toHaveText(/^Not listening now, so there is no voice reading\./);
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-label', 'none');
});
