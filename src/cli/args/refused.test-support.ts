import { expect } from 'vitest';
import { AttuneError } from '../../shared/envelope';

/** The message of the usage error `fn` throws (an AttuneError); fails the test when it throws none. */
export function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AttuneError);
    return (err as Error).message;
  }
  throw new Error('expected a usage error');
}
