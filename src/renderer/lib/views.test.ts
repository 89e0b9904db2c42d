import { describe, expect, it } from 'vitest';
import { hashOf, tabForKey, viewFromHash } from './views';

describe('viewFromHash', () => {
  it('opens the named view', () => {
    expect(viewFromHash('#trends')).toBe('trends');
    expect(viewFromHash('#settings')).toBe('settings');
    expect(viewFromHash('#today')).toBe('today');
  });
  it('opens Live for the tray check-in, an empty hash or anything unknown', () => {
    expect(viewFromHash('#check-in')).toBe('live');
    expect(viewFromHash('')).toBe('live');
    expect(viewFromHash('#nope')).toBe('live');
  });
  it('round-trips with hashOf', () => {
    expect(viewFromHash(hashOf('today'))).toBe('today');
  });
});

describe('tabForKey', () => {
  it('moves with the arrows and wraps', () => {
    expect(tabForKey('live', 'ArrowRight')).toBe('today');
    expect(tabForKey('settings', 'ArrowRight')).toBe('live');
    expect(tabForKey('live', 'ArrowLeft')).toBe('settings');
  });
  it('jumps with Home and End, ignores other keys', () => {
    expect(tabForKey('trends', 'Home')).toBe('live');
    expect(tabForKey('today', 'End')).toBe('settings');
    expect(tabForKey('today', 'Enter')).toBeNull();
  });
});
