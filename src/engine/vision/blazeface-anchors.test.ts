import { describe, expect, it } from 'vitest';
import { BLAZEFACE_FRONT_LAYERS, generateAnchors } from './blazeface-anchors';

describe('generateAnchors', () => {
  const anchors = generateAnchors(128, BLAZEFACE_FRONT_LAYERS);

  it('makes 16×16×2 + 8×8×6 = 896 anchors', () => {
    expect(anchors).toHaveLength(896);
  });

  it('starts half a stride-8 cell in: (4/128, 4/128), twice', () => {
    expect(anchors[0]).toEqual({ x: 0.03125, y: 0.03125 });
    expect(anchors[1]).toEqual({ x: 0.03125, y: 0.03125 });
    expect(anchors[2]).toEqual({ x: 0.09375, y: 0.03125 }); // next cell: 12/128
  });

  it('ends the first layer at cell (15, 15) and starts the second at (8/128, 8/128)', () => {
    expect(anchors[511]).toEqual({ x: 0.96875, y: 0.96875 }); // 124/128
    expect(anchors[512]).toEqual({ x: 0.0625, y: 0.0625 });
    expect(anchors[517]).toEqual({ x: 0.0625, y: 0.0625 });
    expect(anchors[518]).toEqual({ x: 0.1875, y: 0.0625 }); // 24/128
  });

  it('ends at the last stride-16 cell centre, (120/128, 120/128)', () => {
    expect(anchors[895]).toEqual({ x: 0.9375, y: 0.9375 });
  });
});
