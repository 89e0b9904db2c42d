import { type ApiArgs, type ApiMethod } from './api';
import { isCameraState, type SampleSource } from './mood';
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
};

export function validArgs<M extends ApiMethod>(method: M, args: readonly unknown[]): args is ApiArgs<M> {
  return GUARDS[method](args);
}
