import { type ApiArgs, type ApiMethod } from './api';
import { retentionProblem } from './history';
import {
  deleteScopeProblem,
  desktopSettingsProblem,
  firstRunSensorsProblem,
  isExportFormat,
  MAX_DAY_HISTORY_MS,
  MAX_TREND_MS,
  rangeProblem,
  sensorSettingsProblem,
} from './history-validate';
import { feedClientRequestProblem } from './feed';
import { isEmotion } from './labels';
import { isCameraState, type SampleSource } from './mood';
import { isStep } from './personal-info';
import { isPromptAction, promptSettingsProblem } from './prompts';
import { checkInProblem } from './text-input';
import { isPauseSpan } from './timed-pause';

const SOURCES: readonly SampleSource[] = ['face', 'voice', 'text', 'fused'];

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isRange(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return isFiniteNumber(r.from) && isFiniteNumber(r.to) && r.from <= r.to;
}

/** Per-method argument checks: the renderer is not trusted to send well-formed arguments. */
const GUARDS: { [M in ApiMethod]: (args: readonly unknown[]) => boolean } = {
  getStatus: (a) => a.length === 0,
  getSamples: (a) =>
    (a.length === 1 || a.length === 2) &&
    isRange(a[0]) &&
    (a[1] === undefined || SOURCES.includes(a[1] as SampleSource)),
  getLiveMood: (a) => a.length === 0,
  setPaused: (a) => a.length === 1 && typeof a[0] === 'boolean',
  pauseFor: (a) => a.length === 1 && isPauseSpan(a[0]),
  reportCamera: (a) => a.length === 1 && isCameraState(a[0]),
  getCaptureTarget: (a) => a.length === 0,
  checkIn: (a) => a.length === 1 && checkInProblem(a[0]) === null,
  getCheckIns: (a) => a.length === 1 && isRange(a[0]),
  getTextSettings: (a) => a.length === 0,
  setStoreText: (a) => a.length === 1 && typeof a[0] === 'boolean',
  getIngestInfo: (a) => a.length === 0,
  setIngestEnabled: (a) => a.length === 1 && typeof a[0] === 'boolean',
  getPromptSettings: (a) => a.length === 0,
  setPromptSettings: (a) => a.length === 1 && promptSettingsProblem(a[0]) === null,
  getPrompts: (a) => a.length === 1 && isRange(a[0]),
  answerPrompt: (a) =>
    (a.length === 2 || a.length === 3) &&
    Number.isSafeInteger(a[0]) &&
    isPromptAction(a[1]) &&
    (a[2] === undefined || isEmotion(a[2])),
  correctMood: (a) => a.length === 1 && isEmotion(a[0]),
  getPersonal: (a) => a.length === 0,
  resetPersonal: (a) => a.length === 0,
  startExpressionStep: (a) => a.length === 2 && isStep(a[0], a[1]),
  cancelExpressionStep: (a) => a.length === 0,
  getDayHistory: (a) => a.length === 1 && rangeProblem(a[0], MAX_DAY_HISTORY_MS) === null,
  getTrends: (a) => a.length === 1 && rangeProblem(a[0], MAX_TREND_MS) === null,
  getHeatmap: (a) => a.length === 1 && rangeProblem(a[0], MAX_TREND_MS) === null,
  explainAt: (a) => a.length === 1 && isFiniteNumber(a[0]),
  exportHistory: (a) =>
    (a.length === 1 || a.length === 2) && // JSON turns an absent range written as undefined into null.
    isExportFormat(a[0]) &&
    (a[1] === undefined || a[1] === null || rangeProblem(a[1]) === null),
  deleteHistory: (a) => a.length === 1 && deleteScopeProblem(a[0]) === null,
  getRetention: (a) => a.length === 0,
  setRetention: (a) => a.length === 1 && retentionProblem(a[0]) === null,
  getSensorSettings: (a) => a.length === 0,
  setSensorSettings: (a) => a.length === 1 && sensorSettingsProblem(a[0]) === null,
  getFirstRun: (a) => a.length === 0,
  completeFirstRun: (a) => a.length === 1 && firstRunSensorsProblem(a[0]) === null,
  getDesktopSettings: (a) => a.length === 0,
  setDesktopSettings: (a) => a.length === 1 && desktopSettingsProblem(a[0]) === null,
  getMoodFeed: (a) => a.length === 0,
  setMoodFeedEnabled: (a) => a.length === 1 && typeof a[0] === 'boolean',
  createFeedClient: (a) => a.length === 1 && feedClientRequestProblem(a[0]) === null,
  revokeFeedClient: (a) => a.length === 1 && Number.isSafeInteger(a[0]),
};

export function validArgs<M extends ApiMethod>(method: M, args: readonly unknown[]): args is ApiArgs<M> {
  return GUARDS[method](args);
}
