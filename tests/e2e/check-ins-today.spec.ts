import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

const host = hostForThisFile();

test('a kept note shows on Today and in the CSV, and the meter rating wins over the words', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectCameraOn();

  // Keep notes, then rate "pleasant, very high energy" beside words the text model reads as angry.
  await page.getByTestId('check-in-keep-notes').check();
  await expect(page.getByTestId('check-in-keep-notes')).toBeChecked();
  const note = 'so angry about this delay, furious';
  await page.getByTestId('check-in-note').fill(note);
  await page.getByTestId('mood-cell-3-0').click();
  await expect(page.getByTestId('mood-meter-chosen')).toHaveText('You chose: Pleasant, very high energy');
  await page.getByTestId('check-in-save').click();
  const reply = await dashboard.expectCheckInReading();
  expect(reply).toBe('Saved. You rated this moment pleasant, very high energy; Attune counts your rating for it.');
  expect(reply).not.toMatch(/angry/i);
  await expect(page.getByTestId('live-label')).not.toHaveAttribute('data-label', /^(angry|unknown)$/);

  // Today lists it with its time, the rating in words and the note.
  const lines = await dashboard.expectTimelineCheckIns(1);
  expect(lines[0]).toMatch(
    /^\d{1,2}[:.]\d{2}.* · check-in: pleasant, very high energy · “so angry about this delay, furious”$/,
  );
  await dashboard.screenshot(join('docs', 'screenshots', 'today-check-ins.png'));

  // The CSV carries the rating and the note on the check-in's row.
  await dashboard.show('settings');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync(await (await downloading).path(), 'utf8');
  expect(csv.split('\n')[0]).toMatch(/,check_in_pleasantness,check_in_energy,check_in_note$/);
  expect(csv).toContain(`,0.5,1,"${note}"\n`);
});
