import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { openDatabase } from './open-database';
import { SettingsStore } from './settings';

const store = () => new SettingsStore(openDatabase(':memory:'));

describe('SettingsStore', () => {
  it('returns the fallback for a missing key', () => {
    expect(store().get('frameRate', 2)).toBe(2);
  });

  it('round-trips JSON values and overwrites', () => {
    const s = store();
    s.set('frameRate', 1);
    s.set('frameRate', 4);
    s.set('prompt', { enabled: true, quietHours: [22, 7] });
    expect(s.get('frameRate', 2)).toBe(4);
    expect(s.get('prompt', { enabled: false, quietHours: [0, 0] })).toEqual({ enabled: true, quietHours: [22, 7] });
  });

  it('falls back when the stored value has another JSON type', () => {
    const s = store();
    s.set('frameRate', 'fast');
    expect(s.get('frameRate', 2)).toBe(2);
    s.set('list', { not: 'a list' });
    expect(s.get('list', [1])).toEqual([1]);
    expect(s.get<unknown>('list', null)).toEqual({ not: 'a list' });
  });

  it('refuses values JSON cannot hold', () => {
    const s = store();
    expect(() => s.set('x', undefined)).toThrow(AttuneError);
    expect(() => s.set('x', 10n)).toThrow(/cannot be stored as JSON/);
  });
});
