import { describe, expect, it } from 'vitest';
import { dayCount, dayRange, dayRangeWords, daysBefore } from './day-range';

describe('dayRange', () => {
  it('spans whole local days, the last one included', () => {
    expect(dayRange('2026-03-04', '2026-03-06')).toEqual({
      from: new Date(2026, 2, 4).getTime(),
      to: new Date(2026, 2, 7).getTime(),
    });
  });

  it('takes a single day', () => {
    const range = dayRange('2026-03-04', '2026-03-04');
    expect(range).toEqual({ from: new Date(2026, 2, 4).getTime(), to: new Date(2026, 2, 5).getTime() });
  });

  it('crosses a month and a year end', () => {
    expect(dayRange('2025-12-31', '2026-01-01')).toEqual({
      from: new Date(2025, 11, 31).getTime(),
      to: new Date(2026, 0, 2).getTime(),
    });
  });

  it('refuses a range that ends before it starts, or a field that is not a date', () => {
    expect(dayRange('2026-03-06', '2026-03-04')).toBeNull();
    expect(dayRange('', '2026-03-04')).toBeNull();
    expect(dayRange('2026-03-04', 'soon')).toBeNull();
  });
});

describe('daysBefore', () => {
  it('steps back over month and year ends', () => {
    expect(daysBefore('2026-03-04', 6)).toBe('2026-02-26');
    expect(daysBefore('2026-01-03', 3)).toBe('2025-12-31');
    expect(daysBefore('2026-01-03', 0)).toBe('2026-01-03');
  });

  it('leaves a value that is not a date alone', () => {
    expect(daysBefore('', 3)).toBe('');
  });
});

describe('dayCount and dayRangeWords', () => {
  it('counts and names the days', () => {
    const week = dayRange('2026-03-01', '2026-03-07');
    if (!week) throw new Error('expected a range');
    expect(dayCount(week)).toBe(7);
    expect(dayRangeWords(week, 'en-GB')).toBe('7 days, 1 Mar 2026 to 7 Mar 2026');
    const day = dayRange('2026-03-04', '2026-03-04');
    if (!day) throw new Error('expected a range');
    expect(dayRangeWords(day, 'en-GB')).toBe('4 Mar 2026');
  });
});
