import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { numberOption, parseStrict, stringOption } from './strict';

const OPTIONS = { runs: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AttuneError);
    expect((err as AttuneError).kind).toBe('bad-input');
    return (err as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseStrict', () => {
  it('returns the values and positionals it was given', () => {
    const parsed = parseStrict(['a.csv', '--runs', '3', '--json'], OPTIONS, { min: 1, max: 1 });
    expect(parsed).toEqual({ help: false, values: { runs: '3', json: true }, positionals: ['a.csv'] });
  });

  it('answers --help and -h before checking positionals', () => {
    expect(parseStrict(['--help'], OPTIONS, { min: 1, max: 1 }).help).toBe(true);
    expect(parseStrict(['-h'], OPTIONS).help).toBe(true);
  });

  it('refuses unknown options, a missing value and stray or missing positionals', () => {
    expect(usageError(() => parseStrict(['--runz', '3'], OPTIONS))).toMatch(/Unknown option '--runz'/);
    expect(usageError(() => parseStrict(['--runs'], OPTIONS))).toMatch(/--runs/);
    expect(usageError(() => parseStrict(['extra'], OPTIONS))).toMatch(/extra/);
    expect(usageError(() => parseStrict([], OPTIONS, { min: 1, max: 1, names: 'one file' }))).toBe(
      'expected one file, got none',
    );
    expect(usageError(() => parseStrict(['a', 'b'], OPTIONS, { min: 1, max: 1, names: 'one file' }))).toBe(
      'expected one file, got a b',
    );
  });
});

describe('numberOption', () => {
  it('is undefined when absent and the number when in range', () => {
    expect(numberOption({}, 'runs', { min: 1, max: 10 })).toBeUndefined();
    expect(numberOption({ runs: '10' }, 'runs', { min: 1, max: 10 })).toBe(10);
    expect(numberOption({ runs: '0.5' }, 'runs', { min: 0, max: 1, integer: false })).toBe(0.5);
  });

  it('refuses text, blanks, fractions for whole numbers, and values out of range, naming the option', () => {
    const range = { min: 1, max: 10 };
    expect(usageError(() => numberOption({ runs: 'abc' }, 'runs', range))).toBe(
      '--runs must be a whole number from 1 to 10, got abc',
    );
    for (const bad of ['', ' ', '1.5', '0', '11', 'Infinity', 'NaN', '1e9', '-3']) {
      expect(usageError(() => numberOption({ runs: bad }, 'runs', range))).toContain('--runs must be');
    }
    expect(usageError(() => numberOption({ s: '2.5' }, 's', { min: 0, max: 2, integer: false }))).toBe(
      '--s must be a number from 0 to 2, got 2.5',
    );
  });
});

describe('stringOption', () => {
  it('refuses an empty value', () => {
    expect(stringOption({ column: 'body' }, 'column')).toBe('body');
    expect(stringOption({}, 'column')).toBeUndefined();
    expect(usageError(() => stringOption({ column: ' ' }, 'column'))).toBe('--column is empty');
  });
});
