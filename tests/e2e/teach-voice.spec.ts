import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { VOICE_SENTENCE } from '../../src/renderer/lib/teach-words';
import { EMPTY_CLIP, FIXTURES } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { writeSpeechWav } from './support/speech';
import { StoreReader } from './support/store-reader';

/**
 * "Teach your voice (optional)" end to end: the fake microphone plays the voice steps' sentence over and over,
 * synthesised with espeak-ng at test time in four manners (pitch and pace: a calm, happy, sad and angry reading, as
 * far as a speech synthesiser can), and the person goes through the four tones from the keyboard. The camera sees
 * nobody: the voice steps need no face, and must make no face examples.
 */
const TEACH_SPEECH = join(FIXTURES, 'teach-voice.wav');
const SHOTS = join('test-results', 'screenshots');
const TONES = [
  { label: 'neutral', word: 'calm' },
  { label: 'happy', word: 'happy' },
  { label: 'sad', word: 'sad' },
  { label: 'angry', word: 'angry' },
] as const;

const host = hostForThisFile();
let browser: Browser | undefined;

test.beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  writeSpeechWav(TEACH_SPEECH, {
    leadS: 0.5,
    silenceS: 1,
    lines: [
      { text: VOICE_SENTENCE, pitch: 45, speed: 140 },
      { text: VOICE_SENTENCE, pitch: 75, speed: 175 },
      { text: VOICE_SENTENCE, pitch: 25, speed: 110 },
      { text: VOICE_SENTENCE, pitch: 60, speed: 190 },
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
});

/**
 * Teaches the current voice step with the keyboard (its Start button has the focus): Enter, listen, until the
 * flow moves on. On a busy machine the audio can come slowly enough for a step to time out: "Try again" (Enter),
 * as a person would, three attempts at most.
 */
async function teachTone(page: Page, label: string, index: number): Promise<void> {
  const shot = `teach-voice-${label}`;
  const check = page.getByTestId('teach-check');
  const start = page.getByTestId('teach-start');
  await expect(start).toBeFocused();
  await page.screenshot({ path: join(SHOTS, `${shot}-cue.png`), fullPage: true });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Enter');
    await expect(check).toHaveAttribute('data-phase', 'collecting');
    await expect(check).toHaveText(/^Listening… (say it when you are ready\.|\d+\.\d s of speech)$/);
    if (attempt === 1) await page.screenshot({ path: join(SHOTS, `${shot}-listening.png`), fullPage: true });
    // The README's picture of a voice step: the second tone, listening, after the first was kept.
    if (attempt === 1 && index === 1) {
      await page.getByTestId('teach').screenshot({ path: join('docs', 'screenshots', 'teach-voice.png') });
    }
    // "Got it": the flow moves on to the next tone (or closes after the last); or the step failed, "Try again".
    const moved = page.locator(`[data-testid="teach-flow"]:not([data-step="voice-${label}"])`);
    const failed = page.locator('[data-testid="teach-check"][data-phase="failed"]');
    await expect(moved.or(failed).or(page.getByTestId('teach-summary'))).toBeVisible({ timeout: 40_000 });
    if (!(await failed.isVisible())) break;
    expect(attempt, `the ${label} step failed three times: ${await check.textContent()}`).toBeLessThan(3);
    await expect(start).toHaveText('Try again');
    await page.screenshot({ path: join(SHOTS, `${shot}-failed-${attempt}.png`), fullPage: true });
    await expect(start).toBeFocused();
  }
  if (index < TONES.length - 1) {
    await expect(check).toHaveText('Got it.');
    await expect(page.getByText(`So far: ${index + 1} kept.`)).toBeVisible();
    await page.screenshot({ path: join(SHOTS, `${shot}-got-it.png`), fullPage: true });
  }
}

test('a person teaches Attune their voice in four tones, kept as numbers only', async () => {
  test.setTimeout(300_000);
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...QUIET_FLAGS, ...fakeMediaFlags(EMPTY_CLIP, TEACH_SPEECH, { loopAudio: true })],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectMicrophoneOn();

  // Settings → Teach your voice (optional), from the keyboard.
  await dashboard.show('settings');
  await expect(page.getByTestId('teach-state')).toHaveText(
    'Attune reads you with its general models: nothing learnt yet.',
  );
  await page.getByTestId('teach-voice').focus();
  await page.keyboard.press('Enter');
  const flow = page.getByTestId('teach-flow');
  for (const [i, tone] of TONES.entries()) {
    await expect(flow).toHaveAttribute('data-step', `voice-${tone.label}`);
    await expect(page.getByText(`Step ${i + 1} of ${TONES.length}`)).toBeVisible();
    await expect(page.getByTestId('teach-cue')).toHaveText(
      `Say “${VOICE_SENTENCE}” in a${tone.word === 'angry' ? 'n' : ''} ${tone.word} voice.`,
    );
    await teachTone(page, tone.label, i);
  }

  // What a person sees afterwards: the summary, and what the card now says about their voice.
  await expect(flow).toHaveCount(0);
  await expect(page.getByTestId('teach-summary')).toHaveText('Done: 4 kept.');
  // Whether the voice model turned on depends on what the models made of the synthesised speech: either way the
  // card says so, and lists what changed only when readings did change (a model left off changes none).
  const state = page.getByTestId('teach-state');
  await expect(state).toHaveText(
    /^Learnt from 4 voice tones\. (Readings are personalised to you\.|So far the general models read you as well, so readings are unchanged\.)$/,
  );
  const personalised = ((await state.textContent()) ?? '').includes('personalised');
  test.info().annotations.push({ type: 'voice model', description: personalised ? 'on' : 'off' });
  if (personalised)
    await expect(page.getByTestId('teach-changes').getByRole('listitem').first()).toContainText('voice');
  else await expect(page.getByTestId('teach-changes')).toHaveCount(0);
  await expect(page.getByTestId('teach-voice')).toBeVisible();
  await expect(page.getByTestId('teach-reset')).toBeVisible();
  await page.getByTestId('teach').screenshot({ path: join(SHOTS, 'teach-voice-summary.png') });

  // The database: voice examples of the four tones from the calibration, a voice model, numbers and text only, and
  // no face example (the camera saw nobody, and voice steps never keep faces).
  const store = new StoreReader(host().dbFile);
  try {
    const examples = store.personalExamples();
    expect(examples.length).toBeGreaterThanOrEqual(TONES.length);
    expect(examples.every((e) => e.modality === 'voice' && e.source === 'calibration')).toBe(true);
    expect(new Set(examples.map((e) => e.label))).toEqual(new Set(TONES.map((t) => t.label)));
    expect(store.personalModels()).toEqual(['voice']);
    expect(store.holdsOnlyNumbersAndText(['personal_examples', 'personal_models'])).toBe(true);
    const perLabel = TONES.map((t) => `${t.label} ${examples.filter((e) => e.label === t.label).length}`).join(', ');
    test.info().annotations.push({ type: 'voice examples', description: perLabel });
  } finally {
    store.close();
  }
});

test('with the microphone off, a voice step is refused at once, says why, keeps nothing, and Start keeps the keyboard', async () => {
  test.setTimeout(180_000);
  // The same person (and browser) as above: they switch the microphone off, then try to teach a tone again.
  if (!browser) test.skip(true, 'the first test did not start a browser');
  const page = browser?.contexts()[0]?.pages()[0];
  if (!page) throw new Error('no page left by the first test');
  const dashboard = new DashboardPage(page);
  const store = new StoreReader(host().dbFile);
  try {
    const before = store.personalExamples().length;
    await dashboard.show('settings');
    await page.getByTestId('sensor-microphone').setChecked(false);
    await dashboard.show('live');
    await expect(page.getByTestId('microphone-status')).toHaveAttribute('data-state', 'off', { timeout: 30_000 });
    await dashboard.show('settings');
    await page.getByTestId('teach-voice').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('teach-start')).toBeFocused();
    await page.keyboard.press('Enter');
    // Refused by the engine (microphone-off) before any listening: no 20 s wait for speech that cannot come.
    await expect(page.getByTestId('teach-problem')).toHaveText(
      'The microphone is off: turn it on in Settings → Sensors to teach Attune your voice.',
    );
    await expect(page.getByTestId('teach-check')).not.toHaveAttribute('data-phase', 'collecting');
    await expect(page.getByTestId('teach-start')).toBeFocused();
    await page.getByTestId('teach').screenshot({ path: join(SHOTS, 'teach-voice-microphone-off.png') });
    expect(store.personalExamples()).toHaveLength(before);
    // Stop for now, from the keyboard: nothing was kept, so there is no summary.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('teach-stop')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('teach-flow')).toHaveCount(0);
    await expect(page.getByTestId('teach-summary')).toHaveCount(0);
  } finally {
    store.close();
  }
});
