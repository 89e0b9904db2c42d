import type { ErrorKind } from './envelope';

/**
 * The part of Attune a problem stops, while the rest keeps running:
 * - `database`: the mood history could not be opened at start; live mood runs on a history kept in memory only;
 * - `saving`: the history is open but writing to it fails (full disk, folder made read-only); retried on the next
 *   write, so it clears by itself;
 * - `face` / `voice` / `text`: that modality's model is missing or damaged; the other modalities keep working.
 * A camera held by another program is not listed here: it is the camera state `busy` in {@link AppStatus}.
 */
export type HealthPart = 'database' | 'saving' | 'face' | 'voice' | 'text';

export interface HealthProblem {
  part: HealthPart;
  /** Why, as an envelope kind: `disk-full`, `data-folder-read-only`, `database-unreadable`, `model-missing`… */
  kind: ErrorKind;
  /** The technical detail (file, SQLite code), for logs; the dashboard words it from `part` and `kind`. */
  detail: string;
}
