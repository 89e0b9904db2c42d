import { describe, expect, it } from 'vitest';
import { lastReadWords, readersWords, scopesWords } from './feed-words';

describe('feed words', () => {
  it('counts the apps reading, and says nothing when none is', () => {
    expect(readersWords(0)).toBeNull();
    expect(readersWords(1)).toBe('1 app is reading your mood');
    expect(readersWords(2)).toBe('2 apps are reading your mood');
  });

  it('names scopes and when an app last read', () => {
    expect(scopesWords(['now', 'history'])).toBe('Current mood, History');
    expect(lastReadWords(null, 0)).toBe('Never read');
    expect(lastReadWords(10_000, 40_000)).toBe('Read just now');
    expect(lastReadWords(0, 5 * 60_000)).toBe('Read 5 min ago');
    expect(lastReadWords(0, 2 * 3_600_000)).toMatch(/^Read at \d\d:\d\d$/);
    expect(lastReadWords(0, 3 * 86_400_000)).toMatch(/^Read on .+ at \d\d:\d\d$/);
  });
});
