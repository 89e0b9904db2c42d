/** Page object for the dashboard: the e2e tests speak in these terms, never in selectors. */
import { expect, type Page } from '@playwright/test';

/** A layout box in page pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type View = 'live' | 'today' | 'trends' | 'settings';

export class DashboardPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the dashboard. A fresh host shows the first run first: by default it is completed with both sensors
   * on, as the specs before the first run existed expect; `{ firstRun: 'leave' }` leaves it for the spec.
   */
  async open(url: string, { firstRun = 'complete' }: { firstRun?: 'complete' | 'leave' } = {}): Promise<void> {
    await this.page.goto(url);
    if (firstRun === 'leave') return;
    const intro = this.page.getByTestId('first-run');
    const tabs = this.page.getByRole('tablist', { name: 'Views' });
    await expect(intro.or(tabs)).toBeVisible({ timeout: 60_000 });
    if (await intro.isVisible()) await this.completeFirstRun({ camera: true, microphone: true });
  }

  /** Ticks the chosen sensors on the first-run page, starts, and skips the calibration offer. */
  async completeFirstRun(sensors: { camera: boolean; microphone: boolean }): Promise<void> {
    await this.page.getByTestId('first-run-camera').setChecked(sensors.camera);
    await this.page.getByTestId('first-run-microphone').setChecked(sensors.microphone);
    await this.page.getByTestId('first-run-start').click();
    if (sensors.camera || sensors.microphone) await this.page.getByTestId('first-run-finish').click();
    await expect(this.page.getByRole('tablist', { name: 'Views' })).toBeVisible();
  }

  /** Shows a view through its tab, as a person would. */
  async show(view: View): Promise<void> {
    const tab = this.page.getByTestId(`tab-${view}`);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Waits (on the page's own updates, not on a timer) until the engine reports a face. */
  async expectFaceDetected(timeout = 60_000): Promise<void> {
    await expect(this.page.getByTestId('face-status')).toHaveAttribute('data-face', 'yes', { timeout });
  }

  /** Waits until the live mood names a label rather than "unknown". */
  async expectMoodShown(timeout = 60_000): Promise<string> {
    const label = this.page.getByTestId('live-label');
    await expect(label).not.toHaveAttribute('data-label', 'unknown', { timeout });
    await expect(label).toHaveAttribute('data-label', /^(neutral|happy|sad|angry|fearful|disgusted|surprised)$/);
    return (await label.getAttribute('data-label')) ?? '';
  }

  async expectCameraOn(timeout = 30_000): Promise<void> {
    await expect(this.page.getByTestId('camera-status')).toHaveAttribute('data-state', 'on', { timeout });
  }

  /** Writes a check-in note, optionally picks a mood-meter cell (column = pleasantness, row = energy), saves. */
  async checkIn(note: string, cell?: { col: number; row: number }): Promise<void> {
    await this.show('live');
    await this.page.getByTestId('check-in-note').fill(note);
    if (cell) await this.page.getByTestId(`mood-cell-${cell.col}-${cell.row}`).click();
    await this.page.getByTestId('check-in-save').click();
  }

  /**
   * Rates on the mood meter with the keyboard only: focuses the meter's tab stop (the middle cell when
   * nothing is chosen) and presses `keys` (arrows, Home, End). Returns the checked cell's test id.
   */
  async rateWithKeys(keys: string[]): Promise<string | null> {
    await this.show('live');
    await this.page.getByTestId('mood-meter').locator('[tabindex="0"]').focus();
    for (const key of keys) await this.page.keyboard.press(key);
    return this.page.getByTestId('mood-meter').locator('[aria-checked="true"]').getAttribute('data-testid');
  }

  /** The model's reading shown after saving. */
  async expectCheckInReading(timeout = 30_000): Promise<string> {
    const reading = this.page.getByTestId('check-in-reading');
    await expect(reading).toBeVisible({ timeout });
    return (await reading.textContent()) ?? '';
  }

  /** Waits until today's timeline lists `count` check-ins; returns their lines. */
  async expectTimelineCheckIns(count: number, timeout = 30_000): Promise<string[]> {
    await this.show('today');
    const items = this.page.getByTestId('timeline-check-in');
    await expect(items).toHaveCount(count, { timeout });
    return items.allTextContents();
  }

  /** Switches the local text endpoint on in its settings card and reads its address and token. */
  async enableIngest(): Promise<{ url: string; token: string }> {
    await this.show('settings');
    await this.page.getByTestId('ingest-enabled').check();
    await this.page.getByRole('button', { name: 'Show' }).click();
    const url = ((await this.page.getByTestId('ingest-url').textContent()) ?? '').replace(/^POST /, '');
    const token = (await this.page.getByTestId('ingest-token').textContent()) ?? '';
    return { url, token };
  }

  async expectMicrophoneOn(timeout = 30_000): Promise<void> {
    await expect(this.page.getByTestId('microphone-status')).toHaveAttribute('data-state', 'on', { timeout });
  }

  /** Waits until the voice card shows a reading of an utterance; returns its label. */
  async expectVoiceReading(timeout = 60_000): Promise<string> {
    const voice = this.page.getByTestId('voice-status');
    await expect(voice).not.toHaveAttribute('data-label', 'none', { timeout });
    return (await voice.getAttribute('data-label')) ?? '';
  }

  /** Switches the Live view's camera preview on or off with its toggle. */
  async setPreview(on: boolean): Promise<void> {
    await this.show('live');
    await this.page.getByTestId('preview-toggle').setChecked(on);
  }

  /** Waits until the preview plays and the face box lies over it; returns both boxes in page pixels. */
  async expectPreviewFaceBox(timeout = 30_000): Promise<{ video: Box; face: Box }> {
    const video = this.page.getByTestId('preview-video');
    const face = this.page.getByTestId('preview-face-box');
    await expect(video).toBeVisible({ timeout });
    // Playing: the picture has a size (read in the page, whose DOM types this file does not have).
    await expect(video).toHaveJSProperty('paused', false, { timeout });
    await expect
      .poll(() => this.page.evaluate<number>(`document.querySelector('[data-testid="preview-video"]').videoWidth`), {
        timeout,
      })
      .toBeGreaterThan(0);
    await expect(face).toBeVisible({ timeout });
    const [videoBox, faceBox] = await Promise.all([video.boundingBox(), face.boundingBox()]);
    if (!videoBox || !faceBox) throw new Error('the preview or its face box has no layout box');
    return { video: videoBox, face: faceBox };
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
