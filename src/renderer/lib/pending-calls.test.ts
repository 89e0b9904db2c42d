import { describe, expect, it } from 'vitest';
import type { WireRequest } from '../../shared/api';
import { ManualClock } from '../../shared/clock';
import { PendingCalls } from './pending-calls';

function setup(timeoutMs = 2_000) {
  const clock = new ManualClock(0);
  const sent: WireRequest[] = [];
  let open = false;
  const calls = new PendingCalls({
    clock,
    timeoutMs,
    send: (request) => {
      if (!open) return false;
      sent.push(request);
      return true;
    },
  });
  return { clock, sent, calls, setOpen: (value: boolean) => (open = value) };
}

describe('PendingCalls', () => {
  it('holds calls until the socket takes them, then sends them in order once', () => {
    const { sent, calls, setOpen } = setup();
    void calls.add('getStatus', []);
    void calls.add('setPaused', [true]);
    expect(sent).toEqual([]);
    setOpen(true);
    calls.flush();
    calls.flush();
    expect(sent).toEqual([
      { id: 1, method: 'getStatus', args: [] },
      { id: 2, method: 'setPaused', args: [true] },
    ]);
  });

  it('matches answers to calls by id, in any order, and ignores unknown or repeated ids', async () => {
    const { calls, setOpen } = setup();
    setOpen(true);
    const first = calls.add('setPaused', [true]);
    const second = calls.add('getLiveMood', []);
    calls.settle(2, { ok: true, value: null });
    calls.settle(2, { ok: true, value: 'again' });
    calls.settle(99, { ok: true, value: 1 });
    calls.settle(1, { ok: false, error: { kind: 'internal', message: 'x' } });
    await expect(second).resolves.toEqual({ ok: true, value: null });
    await expect(first).resolves.toEqual({ ok: false, error: { kind: 'internal', message: 'x' } });
    expect(calls.size).toBe(0);
  });

  it('drops trailing undefined arguments only', () => {
    const { sent, calls, setOpen } = setup();
    setOpen(true);
    void calls.add('getSamples', [{ from: 0, to: 10 }, undefined]);
    void calls.add('getSamples', [undefined, 'face']);
    expect(sent.map((r) => r.args)).toEqual([[{ from: 0, to: 10 }], [undefined, 'face']]);
  });

  it('fails a call with engine-unavailable when no answer comes in time; a late answer is ignored', async () => {
    const { clock, calls, setOpen } = setup(2_000);
    setOpen(true);
    const answer = calls.add('getStatus', []);
    clock.advance(1_999);
    expect(calls.size).toBe(1);
    clock.advance(1);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
    calls.settle(1, { ok: true, value: 1 });
    expect(calls.size).toBe(0);
  });

  it('failAll settles every call with the given failure and clears their timers', async () => {
    const { clock, calls } = setup();
    const a = calls.add('getStatus', []);
    const b = calls.add('getLiveMood', []);
    calls.failAll('unauthorized', 'refused');
    await expect(a).resolves.toEqual({ ok: false, error: { kind: 'unauthorized', message: 'refused' } });
    await expect(b).resolves.toEqual({ ok: false, error: { kind: 'unauthorized', message: 'refused' } });
    clock.advance(60_000);
    expect(calls.size).toBe(0);
  });
});
