import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { AppStatus, LiveMood } from '../../shared/mood';
import { FakeSocket } from '../testing/fake-socket';
import { createHostClient, UNAUTHORIZED_CLOSE_CODE, type ConnectionState } from './host-client';

const URL = 'ws://127.0.0.1:4000/api?token=t0k';

const STATUS: AppStatus = {
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 120,
  lastFrameAt: null,
  problem: null,
};

function client(callTimeoutMs = 15_000) {
  return createHostClient({ url: URL, WebSocket: FakeSocket, callTimeoutMs });
}

describe('createHostClient', () => {
  beforeEach(() => {
    FakeSocket.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects to the given URL and sends calls made while connecting once the socket opens', async () => {
    const api = client();
    expect(FakeSocket.last.url).toBe(URL);
    expect(api.connection).toBe('connecting');
    const answer = api.getStatus();
    expect(FakeSocket.last.sent).toEqual([]);
    FakeSocket.last.open();
    expect(api.connection).toBe('open');
    expect(FakeSocket.last.sentJson()).toEqual([{ id: 1, method: 'getStatus', args: [] }]);
    FakeSocket.last.receive({ kind: 'response', id: 1, result: { ok: true, value: STATUS } });
    await expect(answer).resolves.toEqual({ ok: true, value: STATUS });
  });

  it('matches answers to calls by id, in any order', async () => {
    const api = client();
    FakeSocket.last.open();
    const first = api.setPaused(true);
    const second = api.getLiveMood();
    FakeSocket.last.receive({ kind: 'response', id: 2, result: { ok: true, value: null } });
    FakeSocket.last.receive({
      kind: 'response',
      id: 1,
      result: { ok: false, error: { kind: 'internal', message: 'x' } },
    });
    await expect(second).resolves.toEqual({ ok: true, value: null });
    await expect(first).resolves.toEqual({ ok: false, error: { kind: 'internal', message: 'x' } });
  });

  it('drops a trailing undefined argument, which JSON would turn into a null the host refuses', () => {
    const api = client();
    FakeSocket.last.open();
    void api.getSamples({ from: 0, to: 10 });
    void api.getSamples({ from: 0, to: 10 }, 'face');
    expect(FakeSocket.last.sentJson()).toEqual([
      { id: 1, method: 'getSamples', args: [{ from: 0, to: 10 }] },
      { id: 2, method: 'getSamples', args: [{ from: 0, to: 10 }, 'face'] },
    ]);
  });

  it('delivers events to their listeners until unsubscribed, and ignores malformed messages', () => {
    const api = client();
    FakeSocket.last.open();
    const moods: LiveMood[] = [];
    const statuses: AppStatus[] = [];
    const off = api.on('mood', (m) => moods.push(m));
    api.on('status', (s) => statuses.push(s));
    const mood = { t: 1, label: 'happy', valence: 0.7, arousal: 0.3, confidence: 0.8 };
    FakeSocket.last.receive({ kind: 'event', event: 'mood', payload: mood });
    FakeSocket.last.receive('not json');
    FakeSocket.last.receive({ kind: 'event', event: 'nonsense', payload: 1 });
    FakeSocket.last.receive({ kind: 'response', id: 99, result: { ok: true, value: 1 } });
    off();
    FakeSocket.last.receive({ kind: 'event', event: 'mood', payload: mood });
    FakeSocket.last.receive({ kind: 'event', event: 'status', payload: STATUS });
    expect(moods).toEqual([mood]);
    expect(statuses).toEqual([STATUS]);
  });

  it('keeps delivering an event to other listeners when one throws', () => {
    const api = client();
    FakeSocket.last.open();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: number[] = [];
    api.on('status', () => {
      throw new Error('listener bug');
    });
    api.on('status', () => seen.push(1));
    FakeSocket.last.receive({ kind: 'event', event: 'status', payload: STATUS });
    expect(seen).toEqual([1]);
    expect(consoleError).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });

  it('fails pending calls with engine-unavailable when the socket drops, and fails fast while disconnected', async () => {
    const api = client();
    FakeSocket.last.open();
    const sent = api.getStatus();
    FakeSocket.last.drop();
    await expect(sent).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
    expect(api.connection).toBe('closed');
    await expect(api.getLiveMood()).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
  });

  it('fails calls queued during a connection attempt that does not succeed', async () => {
    const api = client();
    const queued = api.getStatus();
    FakeSocket.last.drop();
    await expect(queued).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
  });

  it('reconnects with exponential back-off, reset after a successful open', () => {
    const api = client();
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    FakeSocket.last.drop();
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.last.drop();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.last.open();
    FakeSocket.last.drop();
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(4);
    expect(states).toEqual(['closed', 'connecting', 'closed', 'connecting', 'open', 'closed', 'connecting']);
  });

  it('caps the back-off at 10 s', () => {
    client();
    for (let i = 0; i < 8; i++) {
      FakeSocket.last.drop();
      vi.runOnlyPendingTimers();
    }
    const count = FakeSocket.instances.length;
    FakeSocket.last.drop();
    vi.advanceTimersByTime(9_999);
    expect(FakeSocket.instances).toHaveLength(count);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(count + 1);
  });

  it('answers engine-unavailable when the host does not reply in time', async () => {
    const api = client(2_000);
    FakeSocket.last.open();
    const answer = api.getStatus();
    vi.advanceTimersByTime(2_000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
    // A late answer is ignored rather than resolving anything twice.
    FakeSocket.last.receive({ kind: 'response', id: 1, result: { ok: true, value: STATUS } });
  });

  it('stops for good when the host refuses the token', async () => {
    const api = client();
    const queued = api.getStatus();
    FakeSocket.last.drop(UNAUTHORIZED_CLOSE_CODE);
    await expect(queued).resolves.toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(api.connection).toBe('unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    await expect(api.getStatus()).resolves.toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('close() closes the socket, fails pending calls and does not reconnect', async () => {
    const api = client();
    FakeSocket.last.open();
    const pending = api.getStatus();
    api.close();
    expect(FakeSocket.last.closedWith?.code).toBe(1000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('retries after a URL the WebSocket constructor rejects', () => {
    let calls = 0;
    class Throwing extends FakeSocket {
      constructor(url: string) {
        calls += 1;
        if (calls === 1) throw new SyntaxError('bad url');
        super(url);
      }
    }
    const api = createHostClient({ url: 'ws:///api', WebSocket: Throwing });
    expect(api.connection).toBe('closed');
    vi.advanceTimersByTime(500);
    expect(calls).toBe(2);
    expect(api.connection).toBe('connecting');
  });

  it('reconnects and times out calls on an injected clock', async () => {
    const clock = new ManualClock(0);
    const api = createHostClient({ url: URL, WebSocket: FakeSocket, clock, callTimeoutMs: 1_000 });
    FakeSocket.last.drop();
    clock.advance(499);
    expect(FakeSocket.instances).toHaveLength(1);
    clock.advance(1);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.last.open();
    const answer = api.getStatus();
    clock.advance(1_000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
  });
});
