import { describe, expect, it } from 'vitest';
import { API_METHODS, apiChannel, eventChannel, type ApiHandlers } from '../shared/api';
import { dispatchApi } from './api-dispatch';
import { handlersFromSpec } from './api-handlers.test-support';
import { AttuneError } from '../shared/envelope';
import { emptyModalityInfo, type PersonalInfo } from '../shared/personal-info';
import type { AppStatus } from '../shared/mood';
import { DEFAULT_PROMPT_SETTINGS } from '../shared/prompts';
import { DEFAULT_RETENTION } from '../shared/history';
import { DEFAULT_SENSOR_SETTINGS } from '../shared/history-api';

const noPersonal: PersonalInfo = { face: emptyModalityInfo('face'), voice: emptyModalityInfo('voice'), problem: null };

const status: AppStatus = {
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 5,
  lastFrameAt: null,
  problem: null,
};

const handlers: ApiHandlers = handlersFromSpec({
  getStatus: () => status,
  getSamples: () => [],
  getLiveMood: () => null,
  setPaused: (paused) => ({ ...status, paused }),
  pauseFor: () => ({ ...status, paused: true, pausedUntil: 1 }),
  reportCamera: (camera) => ({ ...status, camera }),
  getCaptureTarget: () => {
    throw new AttuneError('engine-unavailable', 'not yet');
  },
  checkIn: () => {
    throw new AttuneError('engine-unavailable', 'not yet');
  },
  getCheckIns: () => [],
  getTextSettings: () => ({ storeText: false }),
  setStoreText: (storeText) => ({ storeText }),
  getIngestInfo: () => ({ url: null, token: 't', enabled: false }),
  setIngestEnabled: (enabled) => ({ url: null, token: 't', enabled }),
  getPromptSettings: () => DEFAULT_PROMPT_SETTINGS,
  setPromptSettings: (patch) => ({ ...DEFAULT_PROMPT_SETTINGS, ...patch }),
  getPrompts: () => [],
  answerPrompt: () => {
    throw new AttuneError('bad-input', 'no such prompt');
  },
  correctMood: () => null,
  getPersonal: () => noPersonal,
  resetPersonal: () => noPersonal,
  startExpressionStep: () => ({ phase: 'idle' }),
  cancelExpressionStep: () => ({ phase: 'idle' }),
  getDayHistory: () => ({ rollups: [], prompts: [], events: [], checkIns: [] }),
  getTrends: () => ({
    days: [],
    hours: [],
    breaks: { prompts: 0, breaks: 0, recovered: 0, notRecovered: 0, unknown: 0 },
  }),
  getHeatmap: () => [],
  explainAt: (t) => ({ t, samples: [], prompt: null, rollup: null }),
  exportHistory: () => ({ kind: 'cancelled' }),
  deleteHistory: () => ({ deleted: {} }),
  getRetention: () => DEFAULT_RETENTION,
  setRetention: (patch) => ({ ...DEFAULT_RETENTION, ...patch }),
  getSensorSettings: () => DEFAULT_SENSOR_SETTINGS,
  setSensorSettings: (patch) => ({ ...DEFAULT_SENSOR_SETTINGS, ...patch }),
  getFirstRun: () => ({ completed: false }),
  completeFirstRun: () => ({ completed: true }),
  getDesktopSettings: () => null,
  setDesktopSettings: () => null,
  getMoodFeed: () => ({ enabled: false, url: null, clients: [], readers: 0 }),
  setMoodFeedEnabled: (enabled) => ({ enabled, url: null, clients: [], readers: 0 }),
  createFeedClient: () => {
    throw new Error('not used');
  },
  revokeFeedClient: () => ({ enabled: false, url: null, clients: [], readers: 0 }),
});

describe('dispatchApi', () => {
  it('calls the handler and wraps its value', async () => {
    expect(await dispatchApi(handlers, 'setPaused', [true])).toEqual({ ok: true, value: { ...status, paused: true } });
  });

  it('keeps the kind of a typed failure', async () => {
    expect(await dispatchApi(handlers, 'getCaptureTarget', [])).toEqual({
      ok: false,
      error: { kind: 'engine-unavailable', message: 'not yet' },
    });
  });

  it('rejects unknown methods and malformed arguments as bad input', async () => {
    for (const [method, args] of [
      ['constructor', []],
      ['setPaused', ['true']],
      ['setPaused', []],
      ['getSamples', [{ from: 2, to: 1 }]],
      ['getSamples', [{ from: 0, to: 1 }, 'camera']],
      ['reportCamera', ['exploded']],
      ['getStatus', [1]],
      ['checkIn', [{ note: 42 }]],
      ['checkIn', [{ note: 'ok', selfRating: { pleasantness: 2, energy: 0 } }]],
      ['checkIn', [{ note: 'x'.repeat(10_001) }]],
      ['getCheckIns', [{ from: 5, to: 1 }]],
      ['setIngestEnabled', ['yes']],
      ['setStoreText', [1]],
      ['getDayHistory', [{ from: 0, to: 32 * 86_400_000 }]],
      ['getDayHistory', [{ from: 0, to: 1, extra: 1 }]],
      ['getTrends', [{ from: Number.NaN, to: 1 }]],
      ['getHeatmap', [{ from: 0, to: 1e15 }]],
      ['explainAt', [Number.NaN]],
      ['explainAt', ['5']],
      ['exportHistory', ['xml']],
      ['exportHistory', ['csv', { from: 1, to: 0 }]],
      ['exportHistory', []],
      ['deleteHistory', [{ kind: 'everything' }]],
      ['deleteHistory', [{ kind: 'day', t: Number.NaN }]],
      ['deleteHistory', [{ kind: 'range', from: 3, to: 3 }]],
      ['deleteHistory', [{ kind: 'all', from: 0 }]],
      ['setRetention', [{ rawDays: 0 }]],
      ['setRetention', [{ rawDays: 7, keep: true }]],
      ['setSensorSettings', [{ frameRate: Number.NaN }]],
      ['setSensorSettings', [{ frameRate: 10 }]],
      ['setSensorSettings', [{ zoom: 2 }]],
      ['completeFirstRun', [{ camera: true }]],
      ['setDesktopSettings', [{ startAtLogin: 'yes' }]],
      ['setDesktopSettings', [{ hidden: true }]],
      ['getRetention', [1]],
    ] as const) {
      const result = await dispatchApi(handlers, method, args);
      expect(result.ok ? 'ok' : result.error.kind, `${method}(${JSON.stringify(args)})`).toBe('bad-input');
    }
  });

  it('accepts well-formed ranges with and without a source', async () => {
    expect((await dispatchApi(handlers, 'getSamples', [{ from: 0, to: 10 }])).ok).toBe(true);
    expect((await dispatchApi(handlers, 'getSamples', [{ from: 0, to: 10 }, 'face'])).ok).toBe(true);
  });

  it('accepts well-formed history and settings calls', async () => {
    const range = { from: 0, to: 86_400_000 };
    for (const [method, args] of [
      ['getDayHistory', [range]],
      ['getTrends', [range]],
      ['getHeatmap', [range]],
      ['explainAt', [5]],
      ['exportHistory', ['csv']],
      ['exportHistory', ['json', range]],
      ['exportHistory', ['json', null]],
      ['deleteHistory', [{ kind: 'all' }]],
      ['deleteHistory', [{ kind: 'day', t: 5 }]],
      ['deleteHistory', [{ kind: 'range', from: 1, to: 2 }]],
      ['setRetention', [{ rawDays: 7 }]],
      ['setSensorSettings', [{ camera: false, frameRate: 0.5 }]],
      ['completeFirstRun', [{ camera: true, microphone: false }]],
      ['setDesktopSettings', [{ startAtLogin: true }]],
      ['getDesktopSettings', []],
    ] as const) {
      const result = await dispatchApi(handlers, method, args);
      expect(result.ok, `${method}(${JSON.stringify(args)})`).toBe(true);
    }
  });

  it('turns an unexpected throw into an internal error', async () => {
    const broken: ApiHandlers = {
      ...handlers,
      getStatus: () => {
        throw new Error('boom');
      },
    };
    expect(await dispatchApi(broken, 'getStatus', [])).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'boom' },
    });
  });
});

describe('channel names', () => {
  it('derive from the contract, one per method, all distinct', () => {
    const channels = API_METHODS.map(apiChannel);
    expect(new Set(channels).size).toBe(API_METHODS.length);
    expect(apiChannel('getStatus')).toBe('attune:api:getStatus');
    expect(eventChannel('mood')).toBe('attune:event:mood');
  });
});
