/**
 * Who answers each engine request. Calls a service answers as it stands go straight to it, one line each, rather
 * than through an Engine method that only forwards; the Engine answers the rest itself (frames and pause, text
 * evidence, the test clock, export, and the history calls with side effects).
 */
import type { EngineApi, EngineMethod } from '../../shared/engine-protocol';
import type { Engine } from '../core/engine';

type Route<M extends EngineMethod> = (engine: Engine, ...args: Parameters<EngineApi[M]>) => ReturnType<EngineApi[M]>;

export const SERVICE_ROUTES = {
  // Fusion, prompts and the baseline.
  setEnvironment: (e, environment) => e.mood.setEnvironment(environment),
  getPromptSettings: (e) => e.mood.getPromptSettings(),
  setPromptSettings: (e, patch) => e.mood.setPromptSettings(patch),
  getPrompts: (e, range) => e.mood.getPrompts(range.from, range.to),
  // The personal model and its guided calibration.
  getPersonal: (e) => e.personal.info(),
  resetPersonal: (e) => e.personal.reset(),
  startExpressionStep: (e, modality, label) => e.personal.startStep(modality, label),
  cancelExpressionStep: (e) => e.personal.cancelStep(),
  // The history and the settings it keeps (`internal` where the engine keeps none).
  getDayHistory: (e, range) => e.history().dayHistory(range),
  getTrends: (e, range) => e.history().trends(range),
  getHeatmap: (e, range) => e.history().heatmap(range),
  explainAt: (e, t) => e.history().explainAt(t),
  getRetention: (e) => e.history().settings.retention(),
  getSensorSettings: (e) => e.history().settings.sensors(),
  setSensorSettings: (e, patch) => e.history().settings.setSensors(patch),
  getFirstRun: (e) => e.history().settings.firstRun(),
  completeFirstRun: (e, sensors) => e.history().settings.completeFirstRun(sensors),
  // Check-ins and the text settings (`model-missing` without the text model).
  getCheckIns: (e, range) => e.intake().getCheckIns(range.from, range.to),
  getTextSettings: (e) => e.intake().textSettings(),
  setStoreText: (e, storeText) => e.intake().setStoreText(storeText),
  getIngestSettings: (e) => e.intake().ingestSettings(),
  setIngestEnabled: (e, enabled) => e.intake().setIngestEnabled(enabled),
  // The mood feed's clients, switch and history (`internal` where the engine keeps none).
  getMoodFeed: (e) => e.feed().state(),
  setMoodFeedEnabled: (e, enabled) => e.feed().setEnabled(enabled),
  createFeedClient: (e, request) => e.feed().create(request),
  revokeFeedClient: (e, id) => e.feed().revoke(id),
  getFeedAuth: (e) => e.feed().auth(),
  markFeedRead: (e, reads) => e.feed().markRead(reads),
  getFeedHistory: (e, range, resolution) => e.feed().historyRange(range, resolution),
} satisfies { [M in EngineMethod]?: Route<M> };

/** Requests the Engine answers by its own method of the same name. */
export const ENGINE_METHODS = [
  'getSamples',
  'getLiveMood',
  'setPaused',
  'setCamera',
  'countSamples',
  'addText',
  'addTexts',
  'checkIn',
  'correctMood',
  'answerPrompt',
  'advanceClock',
  'writeExport',
  'deleteHistory',
  'setRetention',
] as const satisfies readonly EngineMethod[];

type RoutedMethod = keyof typeof SERVICE_ROUTES;
type OwnMethod = (typeof ENGINE_METHODS)[number];
/** What the Engine class must implement, as EngineApi words it. */
export type EngineOwnApi = Pick<EngineApi, OwnMethod>;

// Compile-time proof that every request has exactly one answerer.
const everyRequestAnswered: [Exclude<EngineMethod, RoutedMethod | OwnMethod>] extends [never] ? true : never = true;
const noRequestAnsweredTwice: [Extract<RoutedMethod, OwnMethod>] extends [never] ? true : never = true;
void everyRequestAnswered;
void noRequestAnsweredTwice;

/** The engine's whole API: what the request handler answers from, and what tests call. */
export function engineApi(engine: Engine): EngineApi {
  // Widening, not a cast: each route takes the engine and then its own arguments.
  const routes: Record<string, (engine: Engine, ...args: never[]) => unknown> = SERVICE_ROUTES;
  const routed = Object.entries(routes).map(([method, route]) => [
    method,
    (...args: never[]) => route(engine, ...args),
  ]);
  const own = ENGINE_METHODS.map((method) => [method, engine[method].bind(engine)]);
  // The one cast: Object.fromEntries cannot keep which function goes with which name. Each routed entry is its
  // Route (checked above against EngineApi) with the engine bound, each own one the Engine's method (checked by
  // `Engine implements EngineOwnApi`), and the two lists together name every request exactly once.
  return Object.fromEntries([...routed, ...own]) as EngineApi;
}
