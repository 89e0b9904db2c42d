import { AttuneError } from '../../shared/envelope';

/**
 * A missing or unreadable input file is the user's to fix, so it becomes AttuneError('bad-input') naming the
 * file; anything else (an AttuneError already, a bug) passes through unchanged.
 */
export function inputFileError(path: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof AttuneError || typeof code !== 'string') return err;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
  return new AttuneError('bad-input', `cannot read ${path}: ${why}`, { cause: err });
}
