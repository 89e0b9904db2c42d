import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import type { HistoryEventKind } from '../../shared/history';
import { EventStore } from './events';
import { openDatabase } from './open-database';

describe('EventStore', () => {
  it('stores events with numbers and codes and reads them back by range and kind', () => {
    const events = new EventStore(openDatabase(':memory:'));
    const pause = events.add(1000, 'pause', { minutes: 15, until: 'tomorrow' });
    events.add(2000, 'resume');
    events.add(3000, 'correction', { shown: 'sad', felt: 'neutral' });
    expect(pause).toEqual({ id: 1, t: 1000, kind: 'pause', data: { minutes: 15, until: 'tomorrow' } });
    expect(events.range(0, 3000).map((e) => e.kind)).toEqual(['pause', 'resume']);
    expect(events.range(0, 10_000, 'correction')).toEqual([
      { id: 3, t: 3000, kind: 'correction', data: { shown: 'sad', felt: 'neutral' } },
    ]);
  });

  it('refuses free text, unknown kinds and fractional times', () => {
    const events = new EventStore(openDatabase(':memory:'));
    expect(() => events.add(1, 'pause', { note: 'Feeling awful after the meeting' })).toThrow(AttuneError);
    expect(() => events.add(1, 'nap' as HistoryEventKind)).toThrow(/unknown event kind/);
    expect(() => events.add(1.5, 'pause')).toThrow(/integer ms/);
    expect(events.range(0, 10)).toEqual([]);
  });
});
