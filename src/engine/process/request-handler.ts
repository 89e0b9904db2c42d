import { envelop, fail, type Envelope } from '../../shared/envelope';
import { ENGINE_SPEC, type EngineApi, type EngineRequest } from '../../shared/engine-protocol';
import { hasMethod } from '../../shared/spec';
import { engineArgsValid } from './engine-args';

/** Routes one request to the engine API, always answering with an envelope. */
export function handleRequest(api: EngineApi | null, request: EngineRequest): Promise<Envelope<unknown>> {
  if (!api) return Promise.resolve(fail('engine-unavailable', 'The engine has not finished starting.'));
  const name: unknown = request.method;
  // Spec names only: "constructor", "toString" or "__proto__" are not engine methods, and a name that is not a
  // string (`{"toString":0}`) must not be turned into one (that throws outside any envelope).
  if (!hasMethod(ENGINE_SPEC, name) || typeof api[name] !== 'function') {
    const shown = typeof name === 'string' ? name.slice(0, 60) : `(a ${typeof name})`;
    return Promise.resolve(fail('bad-input', `Unknown engine method ${shown}`));
  }
  if (!engineArgsValid(name, request.args))
    return Promise.resolve(fail('bad-input', `Malformed arguments for ${name}`));
  // The arguments were just checked against the method's own schema.
  return envelop((): unknown => Reflect.apply(api[name], api, request.args));
}
