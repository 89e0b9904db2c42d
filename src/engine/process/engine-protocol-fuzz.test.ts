/**
 * Fuzz (issue 15): 10,000 malformed engine requests — unknown and prototype method names, names that are not
 * strings, arguments of the wrong shape for real methods. Each gets an envelope (never a throw), none stores a
 * sample, and the engine still answers a normal request.
 */
import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../shared/engine-protocol';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../sim/fuzz.test-support';
import { Engine } from '../core/engine';
import { ENGINE_ROUTES, engineApi } from './engine-routes';
import { engineArgsValid } from './engine-args';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { handleRequest } from './request-handler';
import { testMoodService } from '../test-support/mood-service';

const METHODS = Object.keys(ENGINE_ROUTES);

describe('engine protocol fuzz', () => {
  it(
    `answers ${fuzzRuns()} malformed requests with envelopes and stores nothing (seed ${FUZZ_SEED})`,
    { timeout: fuzzTimeout() },
    async () => {
      const inserted: unknown[] = [];
      const samples = { insert: (rows: unknown[]) => inserted.push(...rows), range: () => [], count: () => 7 };
      const { mood } = testMoodService({ samples, emit: () => undefined });
      const noFrames: FrameAnalyzer = {
        process: () => Promise.reject(new Error('no frames')),
        release: () => Promise.resolve(),
      };
      const api = engineApi(
        new Engine({ analyzer: noFrames, samples, mood, emit: () => undefined, log: () => undefined }),
      );
      const fuzz = new Fuzz();
      let refused = 0;
      for (let i = 0; i < fuzzRuns(); i++) {
        const method = fuzz.pick<unknown>([fuzz.pick(METHODS), fuzz.key(), fuzz.json(1), { toString: 0 }]);
        const args = fuzz.chance(0.2) ? fuzz.json(2) : Array.from({ length: fuzz.int(4) }, () => fuzz.json(2));
        // Only malformed requests: a well-formed call is not this suite's business.
        if (typeof method === 'string' && METHODS.includes(method) && engineArgsValid(method, args)) continue;
        const request = { type: 'request', seq: i, method, args } as unknown as EngineRequest;
        const result = await handleRequest(api, request);
        expect(result.ok, `case ${i}: ${String(typeof method === 'string' ? method : typeof method)}`).toBe(false);
        refused += 1;
      }
      expect(refused).toBeGreaterThan(fuzzRuns() * 0.9);
      expect(inserted).toEqual([]);
      expect(await handleRequest(api, { type: 'request', seq: 1, method: 'countSamples', args: [] })).toEqual({
        ok: true,
        value: 7,
      });
    },
  );
});
