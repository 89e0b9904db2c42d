import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../shared/api';
import { dispatchApi } from './api-dispatch';

// No handler is reached by these calls: the method or arguments are refused first.
const handlers = {} as ApiHandlers;

describe('dispatchApi with values no page should send', () => {
  it('refuses methods that cannot be turned into strings, without throwing', async () => {
    const hostile: unknown[] = [{ toString: 0 }, { toString: () => ({}) }, Object.create(null), Symbol('x'), 10n];
    for (const method of hostile) {
      const result = await dispatchApi(handlers, method, []);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('bad-input');
    }
  });

  it('names a long unknown method shortly', async () => {
    const result = await dispatchApi(handlers, 'x'.repeat(10_000), []);
    expect(!result.ok && result.error.message.length).toBeLessThan(100);
  });
});
