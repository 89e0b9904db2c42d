import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../shared/labels';
import { PersonalRun, formatPersonal, parsePersonalArgs } from './personal-args';

describe('parsePersonalArgs', () => {
  it('is null without --personal or --corrections', () => {
    expect(parsePersonalArgs({})).toBeNull();
  });

  it('reads the options, with 5 seeds by default', () => {
    expect(parsePersonalArgs({ personal: '1', 'subject-column': 'subject', 'group-column': 'sequence' })).toEqual({
      k: 1,
      subjectColumn: 'subject',
      groupColumn: 'sequence',
      seeds: 5,
    });
    expect(parsePersonalArgs({ corrections: '0.5', 'subject-column': 'actor', seeds: '2' })).toEqual({
      corrections: 0.5,
      subjectColumn: 'actor',
      seeds: 2,
    });
  });

  it('reads --taught as labels in their usual order', () => {
    expect(parsePersonalArgs({ personal: '1', 'subject-column': 's', taught: ' sad, neutral' })).toEqual({
      k: 1,
      subjectColumn: 's',
      seeds: 5,
      taught: ['neutral', 'sad'],
    });
  });

  it.each([
    [{ personal: '1' }, /need --subject-column/],
    [{ personal: '0', 'subject-column': 's' }, /--personal takes/],
    [{ personal: '1.5', 'subject-column': 's' }, /--personal takes/],
    [{ corrections: '1.2', 'subject-column': 's' }, /--corrections takes/],
    [{ corrections: '', 'subject-column': 's' }, /--corrections takes/],
    [{ personal: '2', 'subject-column': 's', seeds: 'many' }, /--seeds takes/],
    [{ 'group-column': 'sequence' }, /go with --personal or --corrections/],
    [{ taught: 'happy' }, /go with --personal or --corrections/],
    [{ corrections: '0.5', 'subject-column': 's', taught: 'happy' }, /--taught goes with --personal/],
    [{ personal: '1', 'subject-column': 's', taught: 'happy,bored' }, /--taught takes labels/],
    [{ personal: '1', 'subject-column': 's', taught: '' }, /--taught takes labels .*got nothing/],
    [{ personal: '1', 'subject-column': 's', taught: 'happy,happy' }, /names a label twice/],
  ])('refuses %o as bad input', (values, message) => {
    expect(() => parsePersonalArgs(values)).toThrow(message);
    try {
      parsePersonalArgs(values);
    } catch (err) {
      expect((err as { kind?: string }).kind).toBe('bad-input');
    }
  });
});

describe('PersonalRun', () => {
  it('collects readings and reports both protocols', () => {
    const run = new PersonalRun({ k: 1, corrections: 1, subjectColumn: 'subject', seeds: 1 }, 'face');
    const happy = probsFromVector([0.1, 0.8, 0.02, 0.02, 0.02, 0.02, 0.02]);
    for (let i = 0; i < 4; i++) run.onReading({ path: `${i}.png`, label: 'happy', subject: 'a' }, happy);
    const results = run.results();
    expect(results.personal?.scored).toBe(3);
    expect(results.personal?.generic.accuracy).toBe(1);
    expect(results.corrections?.scored).toBe(2);
    expect(formatPersonal(results)).toMatch(/personal, K = 1 .*accuracy 1.000 -> 1.000/);
  });

  it('reports a partial calibration with --taught', () => {
    const run = new PersonalRun({ k: 1, subjectColumn: 'subject', seeds: 1, taught: ['happy'] }, 'face');
    const happy = probsFromVector([0.1, 0.8, 0.02, 0.02, 0.02, 0.02, 0.02]);
    const sad = probsFromVector([0.1, 0.02, 0.8, 0.02, 0.02, 0.02, 0.02]);
    for (let i = 0; i < 3; i++) {
      run.onReading({ path: `h${i}.png`, label: 'happy', subject: 'a' }, happy);
      run.onReading({ path: `s${i}.png`, label: 'sad', subject: 'a' }, sad);
    }
    const results = run.results();
    expect(results.personal?.partial).toMatchObject({ taughtLabels: ['happy'], taughtN: 2, untaughtN: 3 });
    expect(formatPersonal(results)).toMatch(/partial calibration, taught happy: accuracy on untaught labels 1.000/);
  });
});
