/**
 * The renderer ↔ app contract's types and names, all derived from API_SPEC (api-spec.ts): the preload object, the
 * Electron IPC handlers, the host's WebSocket server and the renderer's `api` module use them.
 */
import type { Envelope } from './envelope';
import type { AppStatus, FaceObservation, LiveMood, VoiceReading } from './mood';
import type { FeedReaders } from './feed';
import type { ExpressionStep, PersonalInfo } from './personal-info';
import type { BreakPrompt } from './prompts';
import type { SensorSettings } from './history-api';
import { API_SPEC } from './api-spec';
import { hasMethod, methodsOf, type OwnedBy, type Signatures } from './spec';

// The spec and the types it declares (TimeRange, CaptureTarget, the results of new calls) are read from here.
export * from './api-spec';

/**
 * Every call the renderer can make, as API_SPEC words it. An interface rather than the mapped type itself, so
 * `AttuneApi[M]` for a generic M stays a lookup the compiler can reason about.
 */
export interface AttuneApi extends Signatures<typeof API_SPEC> {}

/** Pushed from the app to every renderer page. */
export interface AttuneEvents {
  status: AppStatus;
  mood: LiveMood;
  face: FaceObservation;
  voice: VoiceReading;
  /** A new prompt to show, or one that changed (answered, outcome known). */
  prompt: BreakPrompt;
  /** A calibration step started, progressed, finished or failed. */
  expression: ExpressionStep;
  /** The personal model changed (a step kept, a correction learnt, a reset). */
  personal: PersonalInfo;
  /** Sensor settings changed (from settings, the first run or another page). */
  sensors: SensorSettings;
  /** How many apps read the mood feed now changed. */
  feed: FeedReaders;
}

export type ApiMethod = keyof AttuneApi;
export type ApiArgs<M extends ApiMethod> = Parameters<AttuneApi[M]>;
export type ApiResult<M extends ApiMethod> = ReturnType<AttuneApi[M]>;
export type ApiEvent = keyof AttuneEvents;

/** What the renderer holds: every call is async and answers with an envelope. */
export type ApiClient = {
  [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<Envelope<ApiResult<M>>>;
};

/** What the app implements: plain values or promises; thrown errors become envelopes. */
export type ApiHandlers = {
  [M in ApiMethod]: (...args: ApiArgs<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

export type EventListener<E extends ApiEvent> = (payload: AttuneEvents[E]) => void;

/** The object the preload exposes as `window.attune`, and the host client mirrors. */
export type AttuneBridge = ApiClient & {
  on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void;
};

/** Every method name, in the spec's order. */
export const API_METHODS: readonly ApiMethod[] = methodsOf(API_SPEC);

/** Methods the engine answers (the app passes them on) and those the app answers itself. */
export type EngineOwnedMethod = OwnedBy<typeof API_SPEC, 'engine'>;
export type AppOwnedMethod = OwnedBy<typeof API_SPEC, 'app'>;

export const API_EVENTS = [
  'status',
  'mood',
  'face',
  'voice',
  'prompt',
  'expression',
  'personal',
  'sensors',
  'feed',
] as const satisfies readonly ApiEvent[];

// Compile-time proof that the list above names every event of the interface.
const everyEventListed: [Exclude<ApiEvent, (typeof API_EVENTS)[number]>] extends [never] ? true : never = true;
void everyEventListed;

export const apiChannel = (method: ApiMethod): `attune:api:${ApiMethod}` => `attune:api:${method}`;
export const eventChannel = (event: ApiEvent): `attune:event:${ApiEvent}` => `attune:event:${event}`;

export function isApiMethod(value: unknown): value is ApiMethod {
  return hasMethod(API_SPEC, value);
}

export function isApiEvent(value: unknown): value is ApiEvent {
  return typeof value === 'string' && (API_EVENTS as readonly string[]).includes(value);
}

/** The host closes an API socket with this code when its token is missing or wrong. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;

/** Host WebSocket frames (JSON text). */
export type WireRequest = { id: number; method: ApiMethod; args: unknown[] };
export type WireMessage =
  { kind: 'response'; id: number; result: Envelope<unknown> } | { kind: 'event'; event: ApiEvent; payload: unknown };
