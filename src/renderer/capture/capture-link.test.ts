import { describe, expect, it } from 'vitest';
import type { CaptureTarget } from '../../shared/api';
import { fail, ok, type Envelope } from '../../shared/envelope';
import type { FrameSink } from './camera-sampler';
import { CaptureLink, type CaptureLinkDeps } from './capture-link';

function setUp(answers: Envelope<CaptureTarget>[]) {
  const log: string[] = [];
  const api = {
    getCaptureTarget: () => Promise.resolve(answers.shift() ?? fail<CaptureTarget>('internal', 'no more answers')),
    getStatus: () => Promise.resolve(fail('engine-unavailable', 'unused')),
    on: () => () => undefined,
    reportCamera: () => Promise.resolve(fail('engine-unavailable', 'unused')),
    getSensorSettings: () => Promise.resolve(fail('engine-unavailable', 'unused')),
    getFirstRun: () => Promise.resolve(fail('engine-unavailable', 'unused')),
  };
  const sink = (url: string): FrameSink => ({ send: () => undefined, close: () => log.push(`close ${url}`) });
  const deps: CaptureLinkDeps = {
    makeSink: (url) => {
      log.push(`sink ${url}`);
      return sink(url);
    },
    start: () => {
      log.push('start');
      return {
        stop: () => log.push('stop'),
        refreshSensors: () => Promise.resolve(),
        sampler: { setSink: () => log.push('swap') },
      };
    },
  };
  return { link: new CaptureLink(api, deps), log };
}

describe('CaptureLink', () => {
  it('starts capturing into the engine socket the host names', async () => {
    const { link, log } = setUp([ok({ kind: 'websocket', url: 'ws://127.0.0.1:7/capture' })]);
    await expect(link.sync()).resolves.toBeNull();
    expect(log).toEqual(['sink ws://127.0.0.1:7/capture', 'start']);
  });

  it('does nothing under Electron, where the capture window does the work', async () => {
    const { link, log } = setUp([ok({ kind: 'message-port' })]);
    await expect(link.sync()).resolves.toBeNull();
    expect(log).toEqual([]);
  });

  it('keeps the sink while the URL stays, and swaps it when the engine moved', async () => {
    const url = (port: number): Envelope<CaptureTarget> => ok({ kind: 'websocket', url: `ws://127.0.0.1:${port}/c` });
    const { link, log } = setUp([url(7), url(7), url(8)]);
    await link.sync();
    await link.sync();
    await link.sync();
    expect(log).toEqual(['sink ws://127.0.0.1:7/c', 'start', 'sink ws://127.0.0.1:8/c', 'swap']);
  });

  it('stays quiet while the engine is starting and reports other problems', async () => {
    const { link } = setUp([
      fail('engine-unavailable', 'starting'),
      ok({ kind: 'unavailable', reason: 'no capture socket' }),
      fail('internal', 'bug'),
    ]);
    await expect(link.sync()).resolves.toBeNull();
    await expect(link.sync()).resolves.toEqual({ kind: 'engine-unavailable', message: 'no capture socket' });
    await expect(link.sync()).resolves.toEqual({ kind: 'internal', message: 'bug' });
  });

  it('asks once at a time and never starts after stop', async () => {
    const { link, log } = setUp([ok({ kind: 'websocket', url: 'ws://a' }), ok({ kind: 'websocket', url: 'ws://b' })]);
    const first = link.sync();
    await expect(link.sync()).resolves.toBeNull();
    await first;
    link.stop();
    await link.sync();
    expect(log).toEqual(['sink ws://a', 'start', 'stop']);
  });
});
