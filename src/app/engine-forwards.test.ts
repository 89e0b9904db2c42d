import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../shared/api';
import { fail, ok, type Envelope } from '../shared/envelope';
import { FORWARDED_METHODS, forwardToEngine, unwrap, type EngineRequester } from './engine-forwards';

function recorder(answer: (method: string) => Envelope<unknown>) {
  const calls: [string, unknown[]][] = [];
  const engine: EngineRequester = {
    request: (method, ...args) => {
      calls.push([method, args]);
      return Promise.resolve(answer(method) as never);
    },
  };
  return { engine, calls };
}

describe('forwardToEngine', () => {
  it('makes one handler per forwarded method, each a method of the renderer contract', () => {
    const handlers = forwardToEngine(recorder(() => ok(null)).engine);
    expect(Object.keys(handlers)).toEqual([...FORWARDED_METHODS]);
    expect(new Set(FORWARDED_METHODS).size).toBe(FORWARDED_METHODS.length);
    for (const method of FORWARDED_METHODS) expect(API_METHODS).toContain(method);
  });

  it('asks the engine under the same name with the same arguments and answers its value', async () => {
    const { engine, calls } = recorder((method) => ok(`${method} answer`));
    const handlers = forwardToEngine(engine);
    const range = { from: 1, to: 2 };
    expect(await handlers.getSamples(range, 'voice')).toBe('getSamples answer');
    expect(await handlers.getSamples(range)).toBe('getSamples answer');
    expect(await handlers.correctMood('sad')).toBe('correctMood answer');
    expect(calls).toEqual([
      ['getSamples', [range, 'voice']],
      ['getSamples', [range]],
      ['correctMood', ['sad']],
    ]);
  });

  it('throws an engine failure as a typed error', async () => {
    const handlers = forwardToEngine(recorder(() => fail('engine-unavailable', 'restarting')).engine);
    await expect(handlers.getPersonal()).rejects.toMatchObject({ kind: 'engine-unavailable', message: 'restarting' });
  });
});

describe('unwrap', () => {
  it('answers the value or throws the failure with its kind', () => {
    expect(unwrap(ok(3))).toBe(3);
    expect(() => unwrap(fail('bad-input', 'no'))).toThrow(
      expect.objectContaining({ kind: 'bad-input', message: 'no' }),
    );
  });
});
