/**
 * Checks for the history and settings calls (issue #7), shared by the app's argument guards and the engine,
 * which checks again because it is the last line before the database. Each returns why a value cannot be used,
 * in words for the person, or null when it can.
 */
import type { DeleteScope, ExportFormat } from './history-api';
import { FRAME_RATE_LIMITS } from './history-api';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'csv' || value === 'json';
}

const DAY_MS = 86_400_000;
/** Longest range the Today view reads minute by minute (31 days: a month of rollups is ~45 000 rows at most). */
export const MAX_DAY_HISTORY_MS = 31 * DAY_MS;
/** Longest range trends and the heatmap cover (ten years of days): they walk every local day of it. */
export const MAX_TREND_MS = 3660 * DAY_MS;

/** A time range: finite unix ms with from ≤ to, no other keys, and at most `maxMs` long (default: any). */
export function rangeProblem(range: unknown, maxMs = Infinity): string | null {
  if (!isObject(range)) return 'a time range must be {from, to}';
  if (Object.keys(range).some((k) => k !== 'from' && k !== 'to')) return 'a time range has only from and to';
  if (!isFiniteNumber(range.from) || !isFiniteNumber(range.to)) return 'a time range needs finite from and to (ms)';
  if (range.from > range.to) return 'a time range must start before it ends';
  return range.to - range.from <= maxMs ? null : `a time range may span at most ${Math.round(maxMs / DAY_MS)} days`;
}

export function deleteScopeProblem(scope: unknown): string | null {
  if (!isObject(scope)) return 'say what to delete: all, a day or a range';
  const keys = Object.keys(scope).sort().join(',');
  switch (scope.kind) {
    case 'all':
      return keys === 'kind' ? null : 'deleting all takes no other fields';
    case 'day':
      return keys === 'kind,t' && isFiniteNumber(scope.t) ? null : 'deleting a day needs its time t (ms)';
    case 'range':
      if (keys !== 'from,kind,to' || !isFiniteNumber(scope.from) || !isFiniteNumber(scope.to)) {
        return 'deleting a range needs finite from and to (ms)';
      }
      return scope.from < scope.to ? null : 'the range to delete must have a start before its end';
    default:
      return 'say what to delete: all, a day or a range';
  }
}

/** Narrows after {@link deleteScopeProblem} said null. */
export const isDeleteScope = (scope: unknown): scope is DeleteScope => deleteScopeProblem(scope) === null;

/** A patch of sensor settings: known keys only, switches true/false, frame rate within its limits. */
export function sensorSettingsProblem(patch: unknown): string | null {
  if (!isObject(patch)) return 'sensor settings must be an object';
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'camera':
      case 'microphone':
        if (typeof value !== 'boolean') return `${key} must be true or false`;
        break;
      case 'frameRate': {
        const { min, max } = FRAME_RATE_LIMITS;
        if (!isFiniteNumber(value) || value < min || value > max) {
          return `the camera frame rate must be from ${min} to ${max} frames per second`;
        }
        break;
      }
      default:
        return `unknown sensor setting ${key}`;
    }
  }
  return null;
}

/** The first run's choice: both switches, nothing else. */
export function firstRunSensorsProblem(sensors: unknown): string | null {
  if (!isObject(sensors) || Object.keys(sensors).sort().join(',') !== 'camera,microphone') {
    return 'the first run needs {camera, microphone}';
  }
  return sensorSettingsProblem(sensors);
}

/** A patch of desktop settings: only startAtLogin, true or false. */
export function desktopSettingsProblem(patch: unknown): string | null {
  if (!isObject(patch)) return 'desktop settings must be an object';
  for (const [key, value] of Object.entries(patch)) {
    if (key !== 'startAtLogin') return `unknown desktop setting ${key}`;
    if (typeof value !== 'boolean') return 'startAtLogin must be true or false';
  }
  return null;
}
