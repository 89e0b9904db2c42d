/**
 * In the browser a break suggestion is a card inside the tab, so a tab in the background missed it. When the
 * tab is hidden, a new suggestion puts a badge in the tab's title and, only if the person allowed
 * notifications for this page, shows a system notification; coming back to the tab clears the badge.
 */
import type { BreakPrompt } from '../../shared/prompts';

export interface AlertPage {
  readonly hidden: boolean;
  title: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Shows a system notification; null where notifications are not allowed (or do not exist). */
export type Notify = ((title: string, body: string) => void) | null;

export const BADGE_TITLE = '(1) Attune: a break suggestion';
const BODY = 'A short break could help. Open the Attune tab to see the suggestion.';

export class HiddenTabAlert {
  private readonly title: string;

  constructor(
    private readonly page: AlertPage,
    private readonly notify: () => Notify,
  ) {
    this.title = page.title;
    page.addEventListener('visibilitychange', () => {
      if (!page.hidden) page.title = this.title;
    });
  }

  /** A 'prompt' event: alerts only for a new, unanswered suggestion while the tab is hidden. */
  prompt(prompt: BreakPrompt): void {
    if (!this.page.hidden || prompt.action !== null) return;
    this.page.title = BADGE_TITLE;
    this.notify()?.(BADGE_TITLE, BODY);
  }
}

/**
 * The browser's notifications, only when the person has allowed them for this page, and only in a browser:
 * under Electron (the preload's `window.attune`) the app already opens its own prompt window.
 */
export function browserNotify(): Notify {
  if ('attune' in window) return null;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  return (title, body) => void new Notification(title, { body });
}
