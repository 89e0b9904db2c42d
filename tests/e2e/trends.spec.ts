import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { seedHistory } from './support/seed-history';
import { StoreReader } from './support/store-reader';

// A year of working days, written before the host opens the database.
const host = hostForThisFile({ seed: (dbFile) => seedHistory(dbFile, { days: 365 }) });
const shot = (name: string): string => join('test-results', 'screenshots', `${name}.png`);

test('a seeded year: trends, explain, settings, export and delete', async ({ page }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);

  // Trends: the week's bars and line, the time of day and the year's heatmap, all with data.
  await dashboard.show('trends');
  await expect(page.getByTestId('trends-shares')).toBeVisible();
  await expect(page.getByTestId('trends-week')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('trends-valence').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('trends-hours')).toContainText(/Most pleasant around \d\d:00/);
  await expect(page.getByTestId('trends-breaks')).toBeVisible();
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toHaveAttribute('aria-label', /^\d+ days recorded in the last year/);
  expect(await heatmap.locator('[data-level="none"]').count()).toBeLessThan(365);
  expect(await heatmap.locator('.cell').count()).toBe(365);
  await page.getByTestId('trends-month').click();
  await expect(page.getByTestId('trends-month')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('trends-shares')).toBeVisible();
  await dashboard.screenshot(shot('trends'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await dashboard.screenshot(shot('trends-dark'));
  await page.emulateMedia({ colorScheme: 'light' });

  // The latest seeded working day (today holds only what the camera saw since the test began): choose a
  // moment with the keyboard; Explain tells what was sensed.
  await dashboard.show('today');
  const slider = page.getByTestId('moment-slider');
  await page.getByTestId('day-previous').click();
  for (let back = 1; back < 7 && !(await slider.isVisible()); back++) {
    await page.getByTestId('day-previous').click();
    await expect(page.getByTestId('timeline-loading')).toHaveCount(0);
  }
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explain-minute')).toContainText(/sensed (once|twice|\d+ times) that minute/);
  await dashboard.screenshot(shot('today-explain'));

  // Settings: retention, frame rate, the camera off and on again.
  await dashboard.show('settings');
  await page.getByTestId('retention-days').fill('3650');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('retention-saved')).toContainText('3650 days');
  await page.getByTestId('sensor-frame-rate').selectOption('1');
  await expect(page.getByTestId('sensor-frame-rate')).toHaveValue('1');
  await page.getByTestId('sensor-camera').uncheck();
  await expect(page.getByTestId('sensor-camera')).not.toBeChecked();
  await expect(page.getByTestId('start-at-login-unsupported')).toBeVisible();
  // What is stored: the seeded readings, counted by the engine (getDataSummary).
  await expect(page.getByTestId('data-summary')).toContainText(
    /[\d,]+ readings \(face [\d,]+, voice [\d,]+, text [\d,]+, overall [\d,]+\) from /,
  );
  await dashboard.screenshot(shot('settings'));
  await dashboard.show('live');
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-state', 'off');
  await dashboard.show('settings');
  await page.getByTestId('sensor-camera').check();
  await dashboard.show('live');
  await dashboard.expectCameraOn();

  // Paused, so nothing new is recorded while the export and the deletions are checked.
  await page.getByRole('button', { name: 'Pause watching' }).click();
  await expect(page.getByTestId('camera-status')).toHaveAttribute('data-state', 'paused');
  await dashboard.show('settings');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await (await downloading).path();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(lines[0]).toBe(
    'time,t,source,label,p_neutral,p_happy,p_sad,p_angry,p_fearful,p_disgusted,p_surprised,' +
      'valence,arousal,confidence,share_face,share_voice,share_text,' +
      'check_in_pleasantness,check_in_energy,check_in_note',
  );
  const store = new StoreReader(host().dbFile);
  try {
    const stored = (['face', 'voice', 'text', 'fused'] as const).reduce((n, s) => n + store.countSamples(s), 0);
    expect(stored).toBeGreaterThan(0);
    expect(lines.length - 1).toBe(stored);
  } finally {
    store.close();
  }

  // Delete today, then everything (typed confirmation): Trends has nothing left to show.
  await page.getByTestId('delete-day').click();
  await page.getByTestId('delete-day-confirm').click();
  await expect(page.getByTestId('delete-note')).toContainText(/Deleted|nothing to delete/);
  await page.getByTestId('delete-all').click();
  await expect(page.getByTestId('delete-all-confirm')).toBeDisabled();
  await page.getByTestId('delete-all-typed').fill('delete');
  await page.getByTestId('delete-all-confirm').click();
  await expect(page.getByTestId('delete-note')).toContainText(/^Deleted [\d,]+ records\.$/);
  await dashboard.show('trends');
  await expect(page.getByTestId('trends-empty')).toBeVisible();
  await expect(page.getByTestId('heatmap')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
