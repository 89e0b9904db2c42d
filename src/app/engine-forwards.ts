/**
 * The renderer calls the app answers by asking the engine and handing its answer on unchanged: written once, as
 * names, instead of one method each in AppService. Calls that do more (pause, export, sensors…) stay there.
 */
import type { ApiHandlers } from '../shared/api';
import { AttuneError, type Envelope } from '../shared/envelope';
import type { EngineApi, EngineMethod, SharedMethod } from '../shared/engine-protocol';

/** What the app needs of the engine lifecycle. */
export interface EngineRequester {
  request<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<Envelope<Awaited<ReturnType<EngineApi[M]>>>>;
}

/**
 * Shared methods forwarded as they are. Not here: `answerPrompt` (drops an absent `felt`, which JSON would turn
 * into null), `setSensorSettings` and `completeFirstRun` (they also tell every page the new sensor settings).
 */
export const FORWARDED_METHODS = [
  'getSamples',
  'getLiveMood',
  'checkIn',
  'getCheckIns',
  'getTextSettings',
  'setStoreText',
  'getPromptSettings',
  'setPromptSettings',
  'getPrompts',
  'correctMood',
  'getPersonal',
  'resetPersonal',
  'startExpressionStep',
  'cancelExpressionStep',
  'getDayHistory',
  'getTrends',
  'getHeatmap',
  'explainAt',
  'deleteHistory',
  'getRetention',
  'setRetention',
  'getSensorSettings',
  'getFirstRun',
] as const satisfies readonly SharedMethod[];

export type ForwardedMethod = (typeof FORWARDED_METHODS)[number];

type Forwarders = {
  [M in ForwardedMethod]: (...args: Parameters<EngineApi[M]>) => Promise<Awaited<ReturnType<EngineApi[M]>>>;
};

/** Handlers for every forwarded call: each asks the engine and unwraps its envelope (a failure is thrown). */
export function forwardToEngine(engine: EngineRequester): Pick<ApiHandlers, ForwardedMethod> {
  const forward =
    <M extends ForwardedMethod>(method: M) =>
    async (...args: Parameters<EngineApi[M]>): Promise<Awaited<ReturnType<EngineApi[M]>>> =>
      unwrap(await engine.request(method, ...args));
  // The one cast: Object.fromEntries cannot keep which forwarder goes with which name, though each entry pairs
  // `m` with forward(m), whose type is exactly Forwarders[m]. The return type then checks Forwarders against
  // the renderer contract, method by method.
  const forwarders = Object.fromEntries(FORWARDED_METHODS.map((m) => [m, forward(m)])) as Forwarders;
  return forwarders;
}

/** An engine answer's value, or its failure thrown as a typed error. */
export function unwrap<T>(result: Envelope<T>): T {
  if (result.ok) return result.value;
  throw new AttuneError(result.error.kind, result.error.message);
}
