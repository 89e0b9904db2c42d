import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/envelope';
import { RemoteSetting } from './remote-setting.svelte';

describe('RemoteSetting', () => {
  it('keeps the value of a good answer and clears the error', async () => {
    const s = new RemoteSetting<number>();
    expect(s.loaded).toBe(false);
    s.error = 'old';
    const pending = s.run(() => Promise.resolve(ok(3)));
    expect(s.busy).toBe(true);
    expect(await pending).toEqual(ok(3));
    expect([s.value, s.error, s.busy, s.loaded]).toEqual([3, null, false, true]);
  });

  it('keeps the last good value on a failure and says what went wrong in words', async () => {
    const s = new RemoteSetting<number>();
    s.take(ok(5));
    await s.run(() => Promise.resolve(fail('engine-unavailable', 'not yet')));
    expect(s.value).toBe(5);
    expect(s.error).toMatch(/\w/);
    expect(s.error).not.toContain('engine-unavailable');
    expect(s.busy).toBe(false);
  });
});
