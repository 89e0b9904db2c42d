/**
 * The renderer calls the engine answers (owner 'engine' in API_SPEC): the app asks the engine under the same name
 * and hands its answer on. Derived from the spec, so a new engine read needs nothing here.
 */
import { API_SPEC, type ApiHandlers, type EngineOwnedMethod } from '../shared/api';
import { AttuneError, type Envelope } from '../shared/envelope';
import type { EngineApi, EngineMethod } from '../shared/engine-protocol';
import { mapNames, ownedBy } from '../shared/spec';

/** What the app needs of the engine lifecycle. */
export interface EngineRequester {
  request<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<Envelope<Awaited<ReturnType<EngineApi[M]>>>>;
}

/** Every renderer call the engine answers, in the spec's order. AppService adds to a few of them. */
export const FORWARDED_METHODS: readonly EngineOwnedMethod[] = ownedBy(API_SPEC, 'engine');

export type ForwardedMethod = EngineOwnedMethod;

type Forwarders = {
  [M in ForwardedMethod]: (...args: Parameters<EngineApi[M]>) => Promise<Awaited<ReturnType<EngineApi[M]>>>;
};

/** Handlers for every forwarded call: each asks the engine and unwraps its envelope (a failure is thrown). */
export function forwardToEngine(engine: EngineRequester): Pick<ApiHandlers, ForwardedMethod> {
  // Typed as the engine words each call; the return type then checks that against the renderer contract.
  const forward =
    <P extends ForwardedMethod>(method: P) =>
    async (...args: Parameters<EngineApi[P]>): Promise<Awaited<ReturnType<EngineApi[P]>>> =>
      unwrap(await engine.request(method, ...args));
  return mapNames<Forwarders>(FORWARDED_METHODS, forward);
}

/** An engine answer's value, or its failure thrown as a typed error. */
export function unwrap<T>(result: Envelope<T>): T {
  if (result.ok) return result.value;
  throw new AttuneError(result.error.kind, result.error.message);
}
