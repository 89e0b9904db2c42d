import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { EMPTY_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

// The host runs on a test clock the test moves, so a 15-minute pause ends in seconds.
const host = hostForThisFile({ env: { ATTUNE_TEST_CLOCK: '1' } });
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(EMPTY_CLIP)] } });

const clockTime = (t: number): string => {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

test('a timed pause from the dashboard says until when, and resumes by itself on the test clock', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  const url = new URL(host().url);
  const advance = async (ms: number): Promise<void> => {
    const token = url.searchParams.get('token') ?? '';
    const res = await request.post(`${url.origin}/test/advance-clock?ms=${ms}&token=${token}`);
    expect(res.status()).toBe(200);
  };
  const pause = page.getByTestId('pause-button');
  const until = page.getByTestId('pause-until');
  await expect(pause).toHaveAccessibleName('Pause watching');

  // 15 minutes: "Paused until HH:MM" and a Resume button.
  await page.getByTestId('pause-menu').click();
  const before = Date.now();
  await page.getByTestId('pause-for-15').click();
  await expect(pause).toHaveAccessibleName('Resume watching');
  const shown = (await until.textContent()) ?? '';
  expect([clockTime(before + 15 * 60_000), clockTime(Date.now() + 15 * 60_000)]).toContain(
    shown.replace('Paused until ', ''),
  );
  await expect(page.getByTestId('pause-menu')).toHaveCount(0);
  await dashboard.screenshot(join('docs', 'screenshots', 'timed-pause.png'));

  // 14 minutes on it is still paused; past the deadline it resumes by itself.
  await advance(14 * 60_000);
  await expect(until).toHaveText(shown);
  await advance(2 * 60_000);
  await expect(pause).toHaveAccessibleName('Pause watching');
  await expect(until).toHaveCount(0);

  // Until tomorrow (the menu and the paused header also fit a 420 px window), ended early with Resume.
  await page.setViewportSize({ width: 420, height: 800 });
  await page.getByTestId('pause-menu').click();
  await page.screenshot({ path: join('test-results', 'screenshots', 'timed-pause-menu-420.png') });
  await page.getByTestId('pause-for-tomorrow').click();
  await expect(until).toHaveText('Paused until tomorrow');
  await page.screenshot({ path: join('test-results', 'screenshots', 'timed-pause-tomorrow-420.png') });
  await pause.click();
  await expect(pause).toHaveAccessibleName('Pause watching');
  await expect(until).toHaveCount(0);

  // A plain pause has no deadline and stays paused however far the clock moves.
  await pause.click();
  await expect(until).toHaveText('Paused');
  await advance(2 * 60 * 60_000);
  await expect(until).toHaveText('Paused');
  await pause.click();
  await expect(pause).toHaveAccessibleName('Pause watching');
});
