import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../shared/labels';
import type { LiveMood } from '../shared/mood';
import { appStatus, liveMood } from './test-support/fixtures';
import { MOOD_FAMILY, TRAY_COLOURS, trayIconBitmap, trayIconState, type TrayIconState } from './tray-icon';

const pixel = (bitmap: Uint8Array, size: number, x: number, y: number): number[] => {
  const i = (y * size + x) * 4;
  return Array.from(bitmap.subarray(i, i + 4));
};

const status = appStatus;
const mood = (label: LiveMood['label']): LiveMood => liveMood(label);

describe('trayIconState', () => {
  it('groups each emotion into a family', () => {
    expect(EMOTIONS.map((e) => trayIconState(status(), mood(e)))).toEqual([
      'steady',
      'bright',
      'low',
      'tense',
      'tense',
      'tense',
      'bright',
    ]);
    expect(Object.keys(MOOD_FAMILY).sort()).toEqual([...EMOTIONS].sort());
  });

  it('is unknown without a nameable mood or while the engine starts', () => {
    expect(trayIconState(status(), null)).toBe('unknown');
    expect(trayIconState(status(), mood('unknown'))).toBe('unknown');
    expect(trayIconState(status({ engine: 'starting' }), mood('happy'))).toBe('unknown');
    expect(trayIconState(status({ engine: 'restarting' }), mood('happy'))).toBe('unknown');
  });

  it('is off when nothing can be sensed, and paused above all', () => {
    expect(trayIconState(status({ engine: 'failed' }), mood('happy'))).toBe('off');
    expect(trayIconState(status({ engine: 'stopped' }), null)).toBe('off');
    expect(trayIconState(status(), mood('happy'), true)).toBe('off');
    expect(trayIconState(status({ paused: true }), mood('sad'), true)).toBe('paused');
    expect(trayIconState(status({ paused: true, engine: 'failed' }), null)).toBe('paused');
  });
});

describe('trayIconBitmap', () => {
  it('is size × size BGRA pixels', () => {
    expect(trayIconBitmap('steady', 16)).toHaveLength(16 * 16 * 4);
    expect(trayIconBitmap('paused', 32)).toHaveLength(32 * 32 * 4);
  });

  it('draws an opaque disc in the family colour, transparent corners', () => {
    const icon = trayIconBitmap('steady', 16);
    // Centre pixel (7.5, 7.5) is 0.707 px from the centre: fully covered. BGRA of #2a9d8f.
    expect(pixel(icon, 16, 7, 7)).toEqual([0x8f, 0x9d, 0x2a, 255]);
    expect(pixel(icon, 16, 0, 0)[3]).toBe(0);
    expect(pixel(icon, 16, 15, 15)[3]).toBe(0);
    expect(pixel(trayIconBitmap('low', 16), 16, 7, 7)).toEqual([0xc0, 0x86, 0x5b, 255]);
  });

  it('gives every state its own colour or shape, and no mood a red', () => {
    const states: TrayIconState[] = ['steady', 'bright', 'low', 'tense', 'unknown', 'paused', 'off'];
    const drawn = new Set(states.map((s) => Array.from(trayIconBitmap(s, 16)).join(',')));
    expect(drawn.size).toBe(states.length);
    for (const [r, g, b] of Object.values(TRAY_COLOURS)) expect(r > 0xc0 && g < 0x60 && b < 0x60).toBe(false);
  });

  it('cuts a pause sign out of a grey disc while paused', () => {
    const icon = trayIconBitmap('paused', 16);
    // Pixel centre (6.5, 7.5) lies in the left bar (x 0.41, y 0.47 of the side); (7.5, 7.5) in the gap.
    expect(pixel(icon, 16, 6, 7)[3]).toBe(0);
    expect(pixel(icon, 16, 9, 7)[3]).toBe(0);
    expect(pixel(icon, 16, 7, 7)).toEqual([0x98, 0x8f, 0x8a, 255]);
    // Above the bars (y 0.22): solid.
    expect(pixel(icon, 16, 6, 3)[3]).toBe(255);
  });

  it('draws a hollow ring when off', () => {
    const icon = trayIconBitmap('off', 16);
    // Radius 7, inner edge at 5: the centre is empty, (7.5, 2.5) is 5.52 px out, on the ring.
    expect(pixel(icon, 16, 7, 7)[3]).toBe(0);
    expect(pixel(icon, 16, 7, 2)).toEqual([0x98, 0x8f, 0x8a, 255]);
    // (7.5, 1.5) is 6.52 px out: 0.98 covered by the outer edge → round(0.98 × 255) = 250.
    expect(pixel(icon, 16, 7, 1)[3]).toBe(250);
  });
});
