import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { EMPTY_CLIP } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { StoreReader } from './support/store-reader';

// The engine runs on a test clock the test moves, so a prompt's window, cooldown and snoozes pass in
// seconds; its evidence is sad text sent to the local endpoint while the camera sees nobody.
const host = hostForThisFile({ env: { ATTUNE_TEST_CLOCK: '1' } });
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(EMPTY_CLIP)] } });

const SAD = 'I feel so sad and lonely today, I miss them so much';
const HAPPY = 'What a wonderful day, I am so happy and grateful!';

class PromptDriver {
  private readonly origin: string;
  private readonly token: string;

  constructor(
    private readonly page: Page,
    private readonly request: APIRequestContext,
    private readonly ingest: { url: string; token: string },
  ) {
    const url = new URL(host().url);
    this.origin = url.origin;
    this.token = url.searchParams.get('token') ?? '';
  }

  /** Lives through `ms` of engine time, a second at a time (each second decided as if lived). */
  async advance(ms: number): Promise<void> {
    const res = await this.request.post(`${this.origin}/test/advance-clock?ms=${ms}&token=${this.token}`);
    expect(res.status()).toBe(200);
  }

  async say(text: string): Promise<void> {
    const res = await this.request.post(this.ingest.url, {
      data: { text },
      headers: { Authorization: `Bearer ${this.ingest.token}` },
    });
    expect(res.status()).toBe(200);
  }

  /** Half a minute of one feeling: a message, then 30 s of engine time. */
  async feel(text: string, minutes: number): Promise<void> {
    for (let s = 0; s < minutes * 60; s += 30) {
      await this.say(text);
      await this.advance(30_000);
    }
  }

  /** Keeps feeling sad until a new prompt is stored, then waits for the dashboard to show it. */
  async bringPrompt(store: () => StoreReader, shown: number, pageErrors: string[]): Promise<void> {
    for (let step = 0; step < 160 && store().prompts().length === shown; step++) await this.feel(SAD, 0.5);
    expect(store().prompts()).toHaveLength(shown + 1);
    expect(pageErrors).toEqual([]);
    await expect(this.page.getByTestId('prompt-card'), host().output().slice(-3000)).toBeVisible();
  }
}

test('a persistent low mood brings a gentle prompt, and every answer is recorded', async ({ page, request }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);

  // Prompts are off until the person turns them on; the rules are shortened so the test stays quick.
  await dashboard.show('settings');
  const enabled = page.getByTestId('prompt-enabled');
  await expect(enabled).not.toBeChecked();
  await enabled.check();
  await expect(enabled).toBeChecked();
  for (const [key, value] of [
    ['windowMinutes', '1'],
    ['cooldownMinutes', '5'],
    ['dailyCap', '20'],
  ] as const) {
    await page.getByTestId(`prompt-${key}`).fill(value);
    await page.getByTestId(`prompt-${key}`).press('Enter');
    await expect(page.getByTestId(`prompt-${key}`)).toHaveValue(value);
  }
  await page.getByTestId('prompt-quiet').uncheck();
  await expect(page.getByTestId('prompt-quiet-from')).toHaveCount(0);

  const driver = new PromptDriver(page, request, await dashboard.enableIngest());
  let reader = null as StoreReader | null;
  const store = (): StoreReader => (reader ??= new StoreReader(host().dbFile));
  const card = page.getByTestId('prompt-card');

  try {
    // 1: breathe. The prompt comes while the person is typing a note, and leaves the focus where it was.
    await dashboard.show('live');
    const note = page.getByTestId('check-in-note');
    await note.focus();
    await driver.bringPrompt(store, 0, pageErrors);
    await expect(page.getByTestId('prompt-message')).toContainText(/low/);
    await expect(note).toBeFocused();
    await page.getByTestId('prompt-why').click();
    await expect(card).toContainText(/Over the last 1 minute/);
    await dashboard.screenshot(join('test-results', 'screenshots', 'prompt.png'));
    await page.getByTestId('prompt-breathe').click();
    await expect(page.getByTestId('breathing-countdown')).toBeVisible();
    await page.getByTestId('breathing-done').click();
    await expect(card).toBeHidden();
    // Feeling better afterwards: within 15 minutes the break is recorded as having helped.
    await driver.feel(HAPPY, 16);
    await dashboard.show('today');
    await expect(page.getByTestId('prompt-history-item').first()).toHaveAttribute('data-outcome', 'lighter');

    // 2–6: every other answer, each on a prompt of its own.
    const close = (): Promise<void> => page.getByTestId('prompt-close').click();
    const answers: [string, () => Promise<void>][] = [
      ['stretch', close],
      ['snooze-15', close],
      ['snooze-60', close],
      ['not-now', close],
      [
        'wrong',
        async () => {
          await page.getByTestId('prompt-feel-neutral').click();
          await close();
        },
      ],
    ];
    for (const [index, [action, finish]] of answers.entries()) {
      await driver.bringPrompt(store, index + 1, pageErrors);
      await page.getByTestId(`prompt-${action}`).click();
      await finish();
      await expect(card).toBeHidden();
      await expect.poll(() => store().prompts()[index + 1]?.action).toBe(action);
    }

    const prompts = store().prompts();
    expect(prompts.map((p) => p.action)).toEqual(['breathe', 'stretch', 'snooze-15', 'snooze-60', 'not-now', 'wrong']);
    expect(prompts.every((p) => p.reason === 'sad')).toBe(true);
    expect(prompts[0]?.recovered).toBe(1);
    // "This isn't right" is a correction the baseline learns from; the breaks are history events.
    expect(store().events('correction')).toEqual([expect.objectContaining({ felt: 'neutral' })]);
    expect(
      store()
        .events('break')
        .map((e) => e.action),
    ).toEqual(['breathe', 'stretch']);
    await page.getByTestId('prompt-history-item').first().scrollIntoViewIfNeeded();
    await dashboard.screenshot(join('test-results', 'screenshots', 'prompt-history.png'));
  } finally {
    reader?.close();
  }
});
