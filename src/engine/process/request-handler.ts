import { envelop, fail, type Envelope } from '../../shared/envelope';
import type { EngineApi, EngineRequest } from '../../shared/engine-protocol';
import { engineArgsValid } from './engine-args';

/** Routes one request to the engine API, always answering with an envelope. */
export function handleRequest(api: EngineApi | null, request: EngineRequest): Promise<Envelope<unknown>> {
  if (!api) return Promise.resolve(fail('engine-unavailable', 'The engine has not finished starting.'));
  const name: unknown = request.method;
  // Own keys only: "constructor", "toString" or "__proto__" are not engine methods, and a name that is not a
  // string (`{"toString":0}`) must not be turned into one (that throws outside any envelope).
  const method =
    typeof name === 'string' && Object.hasOwn(api, name)
      ? (api as unknown as Record<string, unknown>)[name]
      : undefined;
  if (typeof name !== 'string' || typeof method !== 'function') {
    const shown = typeof name === 'string' ? name.slice(0, 60) : `(a ${typeof name})`;
    return Promise.resolve(fail('bad-input', `Unknown engine method ${shown}`));
  }
  if (!engineArgsValid(name, request.args))
    return Promise.resolve(fail('bad-input', `Malformed arguments for ${name}`));
  return envelop(() => (method as (...args: unknown[]) => unknown).apply(api, request.args as unknown[]));
}
