import { describe, expect, it } from 'vitest';
import { shiftFor } from './shifted-voice';

describe('shiftFor', () => {
  it('gives each actor a fixed condition: pitch −300…+300 cents, 0.88 pace, a room, 4–14 dB down, band limits', () => {
    expect(shiftFor(17)).toEqual(['pitch', '0', 'tempo', '0.88', 'reverb', '70', 'gain', '-14', 'sinc', '100-3800']);
    const pitches = new Set(Array.from({ length: 24 }, (_, a) => Number(shiftFor(a + 1)[1])));
    expect([...pitches].sort((x, y) => x - y)).toEqual([-300, -150, 0, 150, 300]);
    const gains = new Set(Array.from({ length: 24 }, (_, a) => Number(shiftFor(a + 1)[7])));
    expect([...gains].sort((x, y) => x - y)).toEqual([-14, -9, -4]);
  });
});
