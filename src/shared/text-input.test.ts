import { describe, expect, it } from 'vitest';
import { checkInProblem, isSelfRating, MAX_TEXT_BYTES, textInputProblem, utf8Length } from './text-input';

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀é€', '\u{10ffff}']) {
      expect(utf8Length(s), s).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });

  it('counts a lone surrogate as U+FFFD (3 bytes)', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('\udc00x')).toBe(4);
    expect(utf8Length('\ud800\ud800')).toBe(6);
  });
});

describe('textInputProblem', () => {
  it('accepts text with optional source and time', () => {
    expect(textInputProblem({ text: 'hello' })).toBeNull();
    expect(textInputProblem({ text: '', source: 'chat', at: 1_700_000_000_000 })).toBeNull();
    expect(textInputProblem({ text: 'é'.repeat(MAX_TEXT_BYTES / 2) })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(textInputProblem(null)).toMatch(/JSON object/);
    expect(textInputProblem(['hi'])).toMatch(/JSON object/);
    expect(textInputProblem({ text: 5 })).toMatch(/"text" must be a string/);
    expect(textInputProblem({ text: 'é'.repeat(MAX_TEXT_BYTES / 2 + 1) })).toMatch(/longer than 10000 bytes/);
    expect(textInputProblem({ text: 'a', source: 7 })).toMatch(/"source"/);
    expect(textInputProblem({ text: 'a', source: 'x'.repeat(65) })).toMatch(/"source"/);
    expect(textInputProblem({ text: 'a', at: 1.5 })).toMatch(/"at"/);
    expect(textInputProblem({ text: 'a', at: -1 })).toMatch(/"at"/);
    expect(textInputProblem({ text: 'a', at: '2024-01-01' })).toMatch(/"at"/);
    expect(textInputProblem({ text: 'a', txet: 'b' })).toBe('unknown field "txet"');
  });
});

describe('check-in requests', () => {
  it('accepts a note, a rating, or both', () => {
    expect(checkInProblem({ note: 'long day' })).toBeNull();
    expect(checkInProblem({ note: '', selfRating: { pleasantness: -1, energy: 1 } })).toBeNull();
    expect(checkInProblem({ note: 'ok', selfRating: { pleasantness: 0.5, energy: 0 } })).toBeNull();
  });

  it('refuses empty check-ins and out-of-range ratings', () => {
    expect(checkInProblem({ note: '  ' })).toMatch(/write a note or pick a mood/);
    expect(checkInProblem({ note: 'a', selfRating: { pleasantness: 1.5, energy: 0 } })).toMatch(/selfRating/);
    expect(checkInProblem({ note: 3 })).toMatch(/"note" must be a string/);
    expect(checkInProblem({ note: 'a', mood: 'x' })).toBe('unknown field "mood"');
    expect(isSelfRating({ pleasantness: 0, energy: Number.NaN })).toBe(false);
    expect(isSelfRating({ pleasantness: 0, energy: 0, extra: 1 })).toBe(false);
  });
});
