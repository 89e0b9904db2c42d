import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import {
  eventDataProblem,
  isHistoryEventKind,
  type EventData,
  type HistoryEvent,
  type HistoryEventKind,
} from '../../shared/history';
import { guard } from './errors';

interface EventRow {
  id: number;
  t: number;
  kind: string;
  data: string;
}

function toEvent(row: EventRow): HistoryEvent {
  // The table's CHECK constraints guarantee kind and data; the fallbacks only satisfy the types.
  const kind = isHistoryEventKind(row.kind) ? row.kind : 'pause';
  return { id: row.id, t: row.t, kind, data: JSON.parse(row.data) as EventData };
}

/** Small timeline events (pauses, resumes, corrections, calibrations, breaks): numbers and codes only. */
export class EventStore {
  private readonly insert: Statement<[number, string, string]>;
  private readonly selectRange: Statement<[number, number], EventRow>;
  private readonly selectRangeOf: Statement<[string, number, number], EventRow>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO events (t, kind, data) VALUES (?, ?, ?)');
    this.selectRange = db.prepare('SELECT id, t, kind, data FROM events WHERE t >= ? AND t < ? ORDER BY t, id');
    this.selectRangeOf = db.prepare(
      'SELECT id, t, kind, data FROM events WHERE kind = ? AND t >= ? AND t < ? ORDER BY t, id',
    );
  }

  /**
   * Records an event at `t` (unix ms).
   * @throws AttuneError `bad-input` for an unknown kind or data that is not numbers and short codes.
   */
  add(t: number, kind: HistoryEventKind, data: EventData = {}): HistoryEvent {
    if (!Number.isSafeInteger(t)) throw new AttuneError('bad-input', `event time must be integer ms, got ${t}`);
    if (!isHistoryEventKind(kind)) throw new AttuneError('bad-input', `unknown event kind ${String(kind)}`);
    const problem = eventDataProblem(data);
    if (problem !== null) throw new AttuneError('bad-input', problem);
    const json = JSON.stringify(data);
    const id = guard('save the event', () => Number(this.insert.run(t, kind, json).lastInsertRowid));
    return { id, t, kind, data: { ...data } };
  }

  /** Events with `from <= t < to` (unix ms), oldest first; only those of `kind` when given. */
  range(from: number, to: number, kind?: HistoryEventKind): HistoryEvent[] {
    const rows = guard('read events', () =>
      kind === undefined ? this.selectRange.all(from, to) : this.selectRangeOf.all(kind, from, to),
    );
    return rows.map(toEvent);
  }
}
