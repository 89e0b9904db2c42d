import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_SETTINGS } from '../../shared/prompts';
import { diagnosticIn } from './non-diagnostic.test-support';
import {
  minutesToTime,
  numberProblem,
  quietHoursProblem,
  quietHoursWords,
  rulesWords,
  timeToMinutes,
} from './prompt-settings';

describe('prompt settings helpers', () => {
  it('converts times of day both ways', () => {
    expect(minutesToTime(0)).toBe('00:00');
    expect(minutesToTime(1320)).toBe('22:00');
    expect(minutesToTime(485)).toBe('08:05');
    expect(minutesToTime(1439)).toBe('23:59');
    expect(timeToMinutes('22:00')).toBe(1320);
    expect(timeToMinutes('08:05:30')).toBe(485);
    expect(timeToMinutes('')).toBeNull();
    expect(timeToMinutes('24:00')).toBeNull();
    expect(timeToMinutes('7:00')).toBeNull();
  });

  it('puts problems in words', () => {
    expect(numberProblem('windowMinutes', 10)).toBeNull();
    expect(numberProblem('windowMinutes', 0)).toBe(
      'The time Attune looks back must be a whole number from 1 to 120 minutes.',
    );
    expect(numberProblem('dailyCap', 2.5)).toBe('The number of suggestions a day must be a whole number from 1 to 20.');
    expect(numberProblem('cooldownMinutes', Number.NaN)).toMatch(/from 5 to 480 minutes/);
    expect(quietHoursProblem(60, 60)).toMatch(/different/);
    expect(quietHoursProblem(null, 60)).toMatch(/both/);
    expect(quietHoursProblem(1320, 480)).toBeNull();
  });

  it('summarises the rules', () => {
    expect(rulesWords(DEFAULT_PROMPT_SETTINGS)).toBe('Break suggestions are off.');
    expect(rulesWords({ ...DEFAULT_PROMPT_SETTINGS, enabled: true })).toBe(
      'On: at most 4 a day, 45 minutes apart, after 10 minutes that look low or tense, never from 22:00 to 08:00.',
    );
    expect(quietHoursWords(null)).toBe('none');
    expect(diagnosticIn([rulesWords({ ...DEFAULT_PROMPT_SETTINGS, enabled: true })])).toEqual([]);
  });
});
