import { describe, expect, it } from 'vitest';
import { Engine } from '../core/engine';
import { ENGINE_ROUTES, engineApi } from './engine-routes';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { handleRequest } from './request-handler';
import { testMoodService } from '../test-support/mood-service';

const noFrames: FrameAnalyzer = {
  process: () => Promise.reject(new Error('no frames in these tests')),
  release: () => Promise.resolve(),
};

function setup() {
  const samples = { insert: () => undefined, range: () => [], count: () => 7 };
  const { mood } = testMoodService({ samples, emit: () => undefined });
  const engine = new Engine({ analyzer: noFrames, samples, mood, emit: () => undefined, log: () => undefined });
  return { engine, mood, api: engineApi(engine) };
}

describe('engineApi', () => {
  it('answers every request, and nothing else of the engine', () => {
    const { api } = setup();
    expect(Object.keys(api).sort()).toEqual(Object.keys(ENGINE_ROUTES).sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect('tick' in api).toBe(false);
  });

  it('routes calls a service answers as they are straight to it, and the rest to the engine', () => {
    const { api, mood } = setup();
    expect(api.setPromptSettings({ cooldownMinutes: 90 }).cooldownMinutes).toBe(90);
    expect(mood.getPromptSettings().cooldownMinutes).toBe(90);
    expect(api.getPrompts({ from: 0, to: Infinity })).toEqual([]);
    expect(() => api.getPersonal()).toThrow(expect.objectContaining({ kind: 'internal' }));
    expect(api.countSamples()).toBe(7);
  });

  it('keeps the typed errors of a missing history or text model', () => {
    const { api } = setup();
    expect(() => api.getDayHistory({ from: 0, to: 1 })).toThrow(expect.objectContaining({ kind: 'internal' }));
    expect(() => api.getTextSettings()).toThrow(expect.objectContaining({ kind: 'model-missing' }));
  });
});

describe('handleRequest', () => {
  it('answers with an envelope: the value, a typed failure, or unknown and unavailable', async () => {
    const { api } = setup();
    expect(await handleRequest(api, { type: 'request', seq: 1, method: 'countSamples', args: [] })).toEqual({
      ok: true,
      value: 7,
    });
    expect(await handleRequest(api, { type: 'request', seq: 2, method: 'getRetention', args: [] })).toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    });
    const stray = { type: 'request', seq: 3, method: 'tick', args: [] } as never;
    expect(await handleRequest(api, stray)).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(await handleRequest(null, { type: 'request', seq: 4, method: 'countSamples', args: [] })).toMatchObject({
      ok: false,
      error: { kind: 'engine-unavailable' },
    });
  });
});
