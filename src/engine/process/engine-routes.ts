/**
 * The engine's one route table: who answers each request of ENGINE_SPEC. Calls a service answers as it stands go
 * straight to it; the Engine answers the rest itself (frames and pause, text evidence, the test clock, export, and
 * the history calls with side effects). A request missing here, or answered with the wrong type, fails to compile.
 */
import { ENGINE_SPEC, type EngineApi, type EngineMethod } from '../../shared/engine-protocol';
import { mapNames, methodsOf } from '../../shared/spec';
import type { Engine } from '../core/engine';

type Routes = {
  readonly [M in EngineMethod]: (engine: Engine, ...args: Parameters<EngineApi[M]>) => ReturnType<EngineApi[M]>;
};

export const ENGINE_ROUTES: Routes = {
  // Samples, the live mood, pause, camera and text evidence: the Engine itself.
  getSamples: (e, range, source) => e.getSamples(range, source),
  getLiveMood: (e) => e.getLiveMood(),
  setPaused: (e, paused) => e.setPaused(paused),
  setCamera: (e, state) => e.setCamera(state),
  countSamples: (e) => e.countSamples(),
  addText: (e, input) => e.addText(input),
  addTexts: (e, inputs) => e.addTexts(inputs),
  checkIn: (e, request) => e.checkIn(request),
  correctMood: (e, felt) => e.correctMood(felt),
  answerPrompt: (e, id, action, felt) => e.answerPrompt(id, action, felt),
  advanceClock: (e, ms) => e.advanceClock(ms),
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
  // The history and the settings it keeps (`internal` where the engine keeps none); export and deletion have
  // side effects on the live state, so the Engine answers them.
  getDayHistory: (e, range) => e.history().dayHistory(range),
  getTrends: (e, range) => e.history().trends(range),
  getHeatmap: (e, range) => e.history().heatmap(range),
  explainAt: (e, t) => e.history().explainAt(t),
  writeExport: (e, format, range, path) => e.writeExport(format, range ?? undefined, path),
  deleteHistory: (e, scope) => e.deleteHistory(scope),
  getRetention: (e) => e.history().settings.retention(),
  setRetention: (e, patch) => e.setRetention(patch),
  getSensorSettings: (e) => e.history().settings.sensors(),
  setSensorSettings: (e, patch) => e.history().settings.setSensors(patch),
  getFirstRun: (e) => e.history().settings.firstRun(),
  completeFirstRun: (e, sensors) => e.history().settings.completeFirstRun(sensors),
  // Check-ins and the text settings (`model-missing` without the text model).
  getCheckIns: (e, range) => e.intake().getCheckIns(range.from, range.to),
  getTextSettings: (e) => e.intake().textSettings(),
  setStoreText: (e, storeText) => e.intake().setStoreText(storeText),
  getIngestSettings: (e) => e.intake().ingestSettings(),
  setIngestSwitch: (e, enabled) => e.intake().setIngestEnabled(enabled),
  // The mood feed's clients, switch and history (`internal` where the engine keeps none).
  getMoodFeed: (e) => e.feed().state(),
  setMoodFeedEnabled: (e, enabled) => e.feed().setEnabled(enabled),
  createFeedClient: (e, request) => e.feed().create(request),
  revokeFeedClient: (e, id) => e.feed().revoke(id),
  getFeedAuth: (e) => e.feed().auth(),
  markFeedRead: (e, reads) => e.feed().markRead(reads),
  getFeedHistory: (e, range, resolution) => e.feed().historyRange(range, resolution),
};

/** The engine's whole API: what the request handler answers from, and what tests call. */
export function engineApi(engine: Engine): EngineApi {
  // Widening, not a cast: each route takes the engine and then its own arguments.
  const routes: Readonly<Record<EngineMethod, (engine: Engine, ...args: never[]) => unknown>> = ENGINE_ROUTES;
  return mapNames<EngineApi>(
    methodsOf(ENGINE_SPEC),
    (method) =>
      (...args: never[]) =>
        routes[method](engine, ...args),
  );
}
