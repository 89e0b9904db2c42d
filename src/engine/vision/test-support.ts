import { AttuneError } from '../../shared/envelope';

/** The AttuneError kind `fn` throws ('other' for any other error), or undefined when it does not throw. */
export function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AttuneError ? err.kind : 'other';
  }
  return undefined;
}

/** The AttuneError kind `promise` rejects with ('other' for any other error), or undefined when it resolves. */
export async function rejectionKind(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof AttuneError ? err.kind : 'other';
  }
  return undefined;
}
