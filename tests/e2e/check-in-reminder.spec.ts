import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { EMPTY_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

// The reminder is decided in the page on the page's clock, so the test moves the page's clock (Playwright's
// clock); the host runs on its test clock too, so nothing here waits on real time.
const host = hostForThisFile({ env: { ATTUNE_TEST_CLOCK: '1' } });
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(EMPTY_CLIP)] } });

test('the daily check-in reminder is off by default, comes at the chosen time, and goes once answered', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const today = new Date();
  await page.clock.install({ time: new Date(today.getFullYear(), today.getMonth(), today.getDate(), 19, 57) });
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url, { firstRun: 'leave' });
  await dashboard.completeFirstRun({ camera: false, microphone: false });
  const nudge = page.getByTestId('check-in-nudge');

  // Off by default: Settings says so.
  await dashboard.show('settings');
  await expect(page.getByTestId('reminder-summary')).toHaveText('No reminder.');

  // On, at the offered 20:00; nothing before then.
  await page.getByTestId('reminder-enabled').check();
  await expect(page.getByTestId('reminder-time')).toHaveValue('20:00');
  await expect(page.getByTestId('reminder-summary')).toContainText('Every day at 20:00');
  await dashboard.show('live');
  await page.clock.fastForward('01:00');
  await expect(nudge).toHaveCount(0);

  // Past 20:00 the nudge is on the dashboard.
  await page.clock.fastForward('02:30');
  await expect(nudge).toBeVisible();
  await expect(nudge).toContainText('How are you feeling?');
  await dashboard.screenshot(join('docs', 'screenshots', 'check-in-reminder.png'));

  // "Check in" opens the check-in note and the nudge does not come back today.
  await page.getByTestId('nudge-check-in').click();
  await expect(nudge).toHaveCount(0);
  await expect(page.getByTestId('check-in-note')).toBeFocused();
  await page.clock.fastForward('05:00');
  await expect(nudge).toHaveCount(0);

  // The next evening it comes again; "Not now" puts it away for that day.
  await page.clock.fastForward('24:00:00');
  await expect(nudge).toBeVisible();
  await page.getByTestId('nudge-dismiss').click();
  await expect(nudge).toHaveCount(0);
  await page.clock.fastForward('05:00');
  await expect(nudge).toHaveCount(0);

  // The setting is kept by the engine: a reload shows it, and switching it off says so.
  await page.reload();
  await dashboard.show('settings');
  await expect(page.getByTestId('reminder-time')).toHaveValue('20:00');
  await page
    .getByTestId('reminder-settings')
    .screenshot({ path: join('test-results', 'screenshots', 'reminder-settings.png') });
  await page.getByTestId('reminder-enabled').uncheck();
  await expect(page.getByTestId('reminder-summary')).toHaveText('No reminder.');
});
