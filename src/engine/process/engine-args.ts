/**
 * Argument checks for engine requests. The app already checks what the renderer sends (api-validate.ts), but the
 * engine is the last line before the database: a request that is not exactly what a method takes is refused
 * here, so a bug or a hostile message on the engine channel can neither throw deep inside nor store a wrong row.
 * Methods the renderer contract also has are checked by its guards (one spec per boundary).
 */
import { isApiMethod } from '../../shared/api';
import { validArgs } from '../../shared/api-validate';
import type { EngineMethod } from '../../shared/engine-protocol';
import { isExportFormat, rangeProblem } from '../../shared/history-validate';
import { isCameraState } from '../../shared/mood';
import { textInputProblem } from '../../shared/text-input';

type Guard = (args: readonly unknown[]) => boolean;

const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Engine-only methods (those the renderer contract lacks). */
const ENGINE_ONLY: Partial<Record<EngineMethod, Guard>> = {
  setPaused: (a) => a.length === 1 && isBool(a[0]),
  setCamera: (a) => a.length === 1 && isCameraState(a[0]),
  countSamples: (a) => a.length === 0,
  addText: (a) => a.length === 1 && textInputProblem(a[0]) === null,
  addTexts: (a) => a.length === 1 && Array.isArray(a[0]) && a[0].every((m) => textInputProblem(m) === null),
  getIngestSettings: (a) => a.length === 0,
  setEnvironment: (a) =>
    a.length === 1 &&
    isRecord(a[0]) &&
    ['locked', 'idle', 'meeting', 'fullscreen'].every((k) => isBool((a[0] as Record<string, unknown>)[k])),
  advanceClock: (a) => a.length === 1 && typeof a[0] === 'number' && Number.isFinite(a[0]) && a[0] >= 0,
  writeExport: (a) =>
    a.length === 3 &&
    isExportFormat(a[0]) &&
    (a[1] === undefined || a[1] === null || rangeProblem(a[1]) === null) &&
    typeof a[2] === 'string' &&
    a[2].length > 0,
  getFeedAuth: (a) => a.length === 0,
  markFeedRead: (a) =>
    a.length === 1 &&
    Array.isArray(a[0]) &&
    a[0].every((r) => isRecord(r) && Number.isSafeInteger(r.id) && Number.isFinite(r.t)),
  getFeedHistory: (a) => a.length === 2 && rangeProblem(a[0]) === null && (a[1] === 'minute' || a[1] === 'quarter'),
};

/** True when `args` is what `method` takes; methods with no guard here (none today) are let through. */
export function engineArgsValid(method: string, args: unknown): boolean {
  if (!Array.isArray(args)) return false;
  try {
    if (isApiMethod(method)) return validArgs(method, args);
    const guard = ENGINE_ONLY[method as EngineMethod];
    return guard ? guard(args) : true;
  } catch {
    return false;
  }
}
