/**
 * The engine's one route table: who answers each request of ENGINE_SPEC. Calls a service answers as it stands go
 * straight to it (each service lists those beside its code: MOOD_ROUTES, HISTORY_ROUTES…); the Engine answers the
 * rest itself. A request missing here, or answered with the wrong type, fails to compile.
 */
import { ENGINE_SPEC, type EngineApi, type EngineMethod } from '../../shared/engine-protocol';
import { mapNames, methodsOf } from '../../shared/spec';
import type { Engine } from '../core/engine';
import { via, type Route } from '../core/service-routes';
import { FEED_ROUTES } from '../feed/engine-feed';
import { HISTORY_ROUTES } from '../history/history-service';
import { MOOD_ROUTES } from '../mood/mood-service';
import { PERSONAL_ROUTES } from '../personal/personal-service';
import { INTAKE_ROUTES } from '../text/text-intake';

type Routes = { readonly [M in EngineMethod]: Route<Engine, M> };

export const ENGINE_ROUTES: Routes = {
  // The Engine itself: samples, the live mood, pause, camera, text evidence, the test clock, and the history calls
  // that change the live state (export, deletion, retention).
  getSamples: (e, range, source) => e.getSamples(range, source),
  getLiveMood: (e) => e.getLiveMood(),
  setSensingPaused: (e, paused) => e.setPaused(paused),
  setCamera: (e, state) => e.setCamera(state),
  countSamples: (e) => e.countSamples(),
  addText: (e, input) => e.addText(input),
  addTexts: (e, inputs) => e.addTexts(inputs),
  checkIn: (e, request) => e.checkIn(request),
  correctMood: (e, felt) => e.correctMood(felt),
  answerPrompt: (e, id, action, felt) => e.answerPrompt(id, action, felt),
  advanceClock: (e, ms) => e.advanceClock(ms),
  writeExport: (e, format, range, path) => e.writeExport(format, range ?? undefined, path),
  deleteHistory: (e, scope) => e.deleteHistory(scope),
  setRetention: (e, patch) => e.setRetention(patch),
  // Requests a service answers as it stands: each service lists its own, beside its code.
  ...via((e: Engine) => e.mood, MOOD_ROUTES),
  ...via((e: Engine) => e.personal, PERSONAL_ROUTES),
  ...via((e: Engine) => e.history(), HISTORY_ROUTES),
  ...via((e: Engine) => e.intake(), INTAKE_ROUTES),
  ...via((e: Engine) => e.feed(), FEED_ROUTES),
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
