import { type ApiArgs, type ApiMethod } from './api';
import { isEmotion } from './labels';
import { isCameraState, type SampleSource } from './mood';
import { isPromptAction, promptSettingsProblem } from './prompts';
import { checkInProblem } from './text-input';

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
  getBaseline: (a) => a.length === 0,
  resetBaseline: (a) => a.length === 0,
  startCalibration: (a) => a.length === 0,
  cancelCalibration: (a) => a.length === 0,
};

export function validArgs<M extends ApiMethod>(method: M, args: readonly unknown[]): args is ApiArgs<M> {
  return GUARDS[method](args);
}
