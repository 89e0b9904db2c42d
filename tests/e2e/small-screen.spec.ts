import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { seedHistory } from './support/seed-history';

// A narrow phone-sized window: every view must be usable at 420 px (and 360 px) wide.
test.use({ viewport: { width: 420, height: 860 } });

const host = hostForThisFile({ seed: (dbFile) => seedHistory(dbFile, { days: 7 }) });

test('at 420 px the Today slider spans the card, the check-in is reachable, and nothing scrolls sideways', async ({
  page,
}) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();
  const noSideScroll = (): Promise<boolean> =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

  // Live: the check-in can be reached and used.
  await page.getByTestId('check-in-note').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('check-in-note')).toBeInViewport();
  await expect(page.getByTestId('mood-cell-4-0')).toBeVisible();
  expect(await noSideScroll()).toBe(true);
  await dashboard.screenshot(join('docs', 'screenshots', 'live-420.png'));

  // Today: the moment slider is nearly as wide as its card.
  await dashboard.show('today');
  // Yesterday has a full seeded day (today's may not have started yet).
  await page.getByTestId('day-previous').click();
  const slider = page.getByTestId('moment-slider');
  await expect(slider).toBeVisible();
  const [sliderBox, cardBox] = await Promise.all([slider.boundingBox(), page.getByTestId('timeline').boundingBox()]);
  if (!sliderBox || !cardBox) throw new Error('no layout box for the slider or its card');
  expect(sliderBox.width).toBeGreaterThan(cardBox.width * 0.6);
  expect(await noSideScroll()).toBe(true);
  await dashboard.screenshot(join('docs', 'screenshots', 'today-420.png'));

  await dashboard.show('trends');
  await expect(page.getByTestId('heatmap')).toBeVisible();
  // Month labels over the year, and a note of how much the charts rest on.
  expect(await page.getByTestId('heatmap-month').count()).toBeGreaterThanOrEqual(11);
  // (The seed writes one sample a minute where the app stores one a second, so its time reads short.)
  await expect(page.getByTestId('trends-recorded')).toHaveText(/^About \d+ (minutes|hours) recorded, on \d+ days\.$/);
  await dashboard.screenshot(join('docs', 'screenshots', 'trends-420.png'));
  // The year heatmap scrolls inside its card; the page itself does not scroll sideways.
  expect(await noSideScroll()).toBe(true);

  // 360 px: still no sideways scrolling on Live.
  await page.setViewportSize({ width: 360, height: 800 });
  await dashboard.show('live');
  expect(await noSideScroll()).toBe(true);
});
