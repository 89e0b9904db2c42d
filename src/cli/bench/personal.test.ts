import { describe, expect, it } from 'vitest';
import { benchPersonal } from './personal';

describe('benchPersonal', () => {
  it('reports fit and apply figures (values not judged: tests never time things)', () => {
    const result = benchPersonal({ examples: 14, fits: 2, applies: 200 });
    expect(result.examples).toBe(14);
    expect(result.fitMs.n).toBe(2);
    expect(result.applyMs.n).toBe(2);
    expect(result.fitMsByModality.voice.n).toBe(1);
    expect(result.lines.join('\n')).toMatch(
      /fit from 14 examples, face.*\n.*fit from 14 examples, voice.*\n.*apply, one frame/,
    );
  });
});
