import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_SETTINGS, promptSettingsProblem } from './prompts';

describe('the check-in reminder setting', () => {
  it('is off by default', () => {
    expect(DEFAULT_PROMPT_SETTINGS.checkInReminder).toBeNull();
  });
  it('takes null or a minute of the day, nothing else', () => {
    expect(promptSettingsProblem({ checkInReminder: null })).toBeNull();
    expect(promptSettingsProblem({ checkInReminder: 0 })).toBeNull();
    expect(promptSettingsProblem({ checkInReminder: 20 * 60 })).toBeNull();
    for (const bad of [-1, 1440, 12.5, '20:00', true, { at: 1 }]) {
      expect(promptSettingsProblem({ checkInReminder: bad })).toMatch(/checkInReminder/);
    }
  });
});
