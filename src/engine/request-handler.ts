import { envelop, fail, type Envelope } from '../shared/envelope';
import type { EngineApi, EngineRequest } from '../shared/engine-protocol';

/** Routes one request to the engine API, always answering with an envelope. */
export function handleRequest(api: EngineApi | null, request: EngineRequest): Promise<Envelope<unknown>> {
  if (!api) return Promise.resolve(fail('engine-unavailable', 'The engine has not finished starting.'));
  const method: unknown = (api as unknown as Record<string, unknown>)[request.method];
  if (typeof method !== 'function')
    return Promise.resolve(fail('bad-input', `Unknown engine method ${String(request.method)}`));
  return envelop(() => (method as (...args: unknown[]) => unknown).apply(api, request.args as unknown[]));
}
