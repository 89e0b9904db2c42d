import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { guard } from './errors';

/** Small app settings as JSON values under string keys. Not for bulk data. */
export class SettingsStore {
  private readonly select: Statement<[string], string>;
  private readonly upsert: Statement<[string, string]>;

  constructor(db: Database) {
    this.select = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /**
   * The stored value, or `fallback` when the key is absent or its stored value has another shape
   * (a different JSON type than `fallback`'s, e.g. a string where a number is expected). Objects are not
   * checked field by field: callers merge with their defaults.
   */
  get<T>(key: string, fallback: T): T {
    const text = guard('read settings', () => this.select.get(key));
    if (text === undefined) return fallback;
    const value: unknown = JSON.parse(text);
    return sameShape(value, fallback) ? (value as T) : fallback;
  }

  /**
   * Stores `value` as JSON, replacing any previous value.
   * @throws AttuneError `bad-input` when `value` cannot be written as JSON (undefined, a function, a cycle, a bigint).
   */
  set(key: string, value: unknown): void {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw new AttuneError('bad-input', `setting ${key} cannot be stored as JSON`, { cause: err });
    }
    if (text === undefined) throw new AttuneError('bad-input', `setting ${key} cannot be stored as JSON`);
    const json = text;
    guard('save settings', () => this.upsert.run(key, json));
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** A null fallback accepts anything: it means "no default shape". */
function sameShape(value: unknown, fallback: unknown): boolean {
  return fallback === null || kind(value) === kind(fallback);
}
