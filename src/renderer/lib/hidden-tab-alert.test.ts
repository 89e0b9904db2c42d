import { describe, expect, it } from 'vitest';
import type { BreakPrompt } from '../../shared/prompts';
import { BADGE_TITLE, HiddenTabAlert, type AlertPage } from './hidden-tab-alert';

function page(hidden: boolean): AlertPage & { show: () => void } {
  const listeners: (() => void)[] = [];
  const p = {
    hidden,
    title: 'Attune',
    addEventListener: (_: 'visibilitychange', l: () => void) => void listeners.push(l),
    show: () => {
      p.hidden = false;
      listeners.forEach((l) => l());
    },
  };
  return p;
}
const prompt = (action: BreakPrompt['action'] = null): BreakPrompt => ({ id: 1, t: 0, action }) as BreakPrompt;

describe('HiddenTabAlert', () => {
  it('badges the title of a hidden tab, notifies only when allowed, and clears on return', () => {
    const hidden = page(true);
    const shown: string[] = [];
    new HiddenTabAlert(hidden, () => (title) => void shown.push(title)).prompt(prompt());
    expect(hidden.title).toBe(BADGE_TITLE);
    expect(shown).toEqual([BADGE_TITLE]);
    hidden.show();
    expect(hidden.title).toBe('Attune');

    const refused = page(true);
    new HiddenTabAlert(refused, () => null).prompt(prompt());
    expect(refused.title).toBe(BADGE_TITLE);
  });

  it('leaves a visible tab alone, and ignores answered suggestions', () => {
    const visible = page(false);
    const shown: string[] = [];
    new HiddenTabAlert(visible, () => (title) => void shown.push(title)).prompt(prompt());
    const answered = page(true);
    new HiddenTabAlert(answered, () => (title) => void shown.push(title)).prompt(prompt('not-now'));
    expect([visible.title, answered.title, shown]).toEqual(['Attune', 'Attune', []]);
  });
});
