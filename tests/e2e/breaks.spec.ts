import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EMPTY_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

test.use({ launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(EMPTY_CLIP)] } });

const host = hostForThisFile();

/** HH:MM of the page's local clock, shifted by `minutes`. */
const localTime = (now: Date, minutes: number): string => {
  const d = new Date(now.getTime() + minutes * 60_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

test('break suggestions say where they stand, and a preview shows one without storing it', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.show('settings');
  const status = page.getByTestId('break-status');
  await expect(status).toHaveText('Off: Attune does not suggest breaks.');

  // Quiet hours around now, then breaks on: the line says how long it stays quiet.
  const now = new Date();
  await page.getByTestId('prompt-quiet-from').fill(localTime(now, -60));
  await page.getByTestId('prompt-quiet-from').blur();
  await page.getByTestId('prompt-quiet-to').fill(localTime(now, 60));
  await page.getByTestId('prompt-quiet-to').blur();
  await page.getByTestId('prompt-enabled').check();
  await expect(status).toHaveText(`On, but quiet until ${localTime(now, 60)}.`);

  // No quiet hours: on, and watching.
  await page.getByTestId('prompt-quiet').uncheck();
  await expect(status).toHaveAttribute('data-state', 'watching');
  await expect(status).toHaveText('On. A suggestion comes if your mood looks low or tense for 10 minutes.');

  // Preview: the real card, answered here; nothing reaches the store.
  await page.getByTestId('break-preview').click();
  const card = page.getByTestId('break-preview-card');
  await expect(card.getByTestId('prompt-message')).toBeVisible();
  await dashboard.screenshot(join('docs', 'screenshots', 'break-preview.png'));
  await card.getByTestId('prompt-not-now').click();
  await card.getByTestId('prompt-close').click();
  await expect(card).toBeHidden();
  await expect(status).toHaveAttribute('data-state', 'watching');
  const db = new Database(host().dbFile, { readonly: true, fileMustExist: true });
  try {
    expect(db.prepare('SELECT count(*) AS n FROM prompts').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});
