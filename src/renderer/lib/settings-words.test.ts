import { describe, expect, it } from 'vitest';
import {
  bytesWords,
  dateInputToTime,
  dateInputValue,
  deletedWords,
  exportWords,
  FRAME_RATES,
  frameRateWords,
  retentionWords,
} from './settings-words';

describe('frame rates', () => {
  it('offers rates within the app’s limits, in words', () => {
    expect(FRAME_RATES).toEqual([0.5, 1, 2, 3, 5]);
    expect(frameRateWords(0.5)).toBe('One picture every 2 seconds');
    expect(frameRateWords(1)).toBe('One picture a second');
    expect(frameRateWords(3)).toBe('3 pictures a second');
  });
});

describe('exportWords', () => {
  it('says where a saved file went, and nothing otherwise', () => {
    expect(exportWords({ kind: 'saved', path: '/home/a/attune.csv', bytes: 2048 })).toBe(
      'Saved to /home/a/attune.csv (2.0 KB).',
    );
    expect(exportWords({ kind: 'cancelled' })).toBeNull();
    expect(exportWords({ kind: 'download', url: '/x', filename: 'a.csv' })).toBeNull();
    expect(bytesWords(10)).toBe('10 bytes');
    expect(bytesWords(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('deletedWords', () => {
  it('adds the rows of every table', () => {
    expect(deletedWords({ deleted: { samples: 1200, rollups: 34 } })).toBe('Deleted 1,234 records.');
    expect(deletedWords({ deleted: { samples: 1 } })).toBe('Deleted 1 record.');
    expect(deletedWords({ deleted: {} })).toBe('There was nothing to delete.');
  });
});

describe('date inputs', () => {
  it('turn YYYY-MM-DD into local noon and back', () => {
    const t = dateInputToTime('2026-03-04');
    expect(t).toBe(new Date(2026, 2, 4, 12).getTime());
    expect(dateInputValue(t ?? 0)).toBe('2026-03-04');
    expect(dateInputToTime('')).toBeNull();
    expect(dateInputToTime('4 March')).toBeNull();
  });
});

describe('retentionWords', () => {
  it('accepts whole days from 1 to 3650', () => {
    expect(retentionWords(30)).toBeNull();
    expect(retentionWords(0)).toMatch(/1 to 3650/);
    expect(retentionWords(2.5)).toMatch(/whole number/);
  });
});
