/**
 * Starting what still can: a history file Attune cannot use, or one modality's model missing or damaged, is
 * recorded as a problem (shown on the dashboard) instead of failing the engine's start, which would only restart
 * into the same failure and leave the person with nothing. What each fallback keeps working is in README's table.
 */
import type { Database } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import type { HealthPart, HealthProblem } from '../../shared/health';
import { isStorageError } from '../store/errors';
import { openDatabase, type OpenDatabaseOptions } from '../store/open-database';
import { problemOf } from './engine-health';

/**
 * Opens the mood history at `file`. When the file cannot be used (damaged, another program's, a newer
 * Attune's, the folder read-only, the disk full), adds a `database` problem and opens a history in memory
 * instead: the live mood, prompts and text work for this session, and nothing is written near the file, so it
 * stays as it was for the person to move aside or restore.
 */
export function openHistory(file: string, options: OpenDatabaseOptions, problems: HealthProblem[]): Database {
  try {
    return openDatabase(file, options);
  } catch (err) {
    if (!isStorageError(err)) throw err;
    problems.push(problemOf('database', err));
    return openDatabase(':memory:', options);
  }
}

/**
 * Loads one modality's model; when that fails, adds a problem for `part` and answers null, so the engine starts
 * without that modality. `model-missing` and `model-corrupt` keep their kind; anything else the runtime throws
 * on loading (bytes it cannot parse) counts as `model-corrupt`, since the file is what it could not use.
 */
export async function loadPart<T>(
  part: Extract<HealthPart, 'face' | 'voice' | 'text'>,
  load: () => T | Promise<T>,
  problems: HealthProblem[],
): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    const typed =
      err instanceof AttuneError && (err.kind === 'model-missing' || err.kind === 'model-corrupt')
        ? err
        : new AttuneError('model-corrupt', err instanceof Error ? err.message : String(err), { cause: err });
    problems.push(problemOf(part, typed));
    return null;
  }
}
