import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

const host = hostForThisFile();

test('a second tab does not capture: it says so, and can move capture to itself', async ({ page, context }) => {
  const first = new DashboardPage(page);
  await first.open(host().url);
  await first.expectCameraOn();
  await first.expectMicrophoneOn();
  await expect(page.getByTestId('capture-elsewhere')).toBeHidden();

  const other = await context.newPage();
  const second = new DashboardPage(other);
  await second.open(host().url);
  const notice = other.getByTestId('capture-elsewhere');
  await expect(notice).toHaveText(/Attune is already sensing in another tab\./);
  // This tab opened no microphone of its own.
  await expect(other.getByTestId('microphone-status')).toBeHidden();
  await second.screenshot(join('docs', 'screenshots', 'second-tab.png'));

  // Move capture here: this tab senses, the first one stops and shows the notice instead.
  await other.getByTestId('capture-take-over').click();
  await expect(notice).toBeHidden();
  await second.expectMicrophoneOn();
  await expect(page.getByTestId('capture-elsewhere')).toBeVisible();
  await expect(page.getByTestId('microphone-status')).not.toHaveAttribute('data-state', 'on');
  await second.expectCameraOn();

  // Closing the capturing tab hands capture back without a click.
  await other.close();
  await expect(page.getByTestId('capture-elsewhere')).toBeHidden();
  await first.expectMicrophoneOn();
});
