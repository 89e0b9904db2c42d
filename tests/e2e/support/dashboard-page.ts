/** Page object for the dashboard: the e2e tests speak in these terms, never in selectors. */
import { expect, type Page } from '@playwright/test';

export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
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

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
