import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, type EmotionProbs } from '../../shared/labels';
import { isExpressionModelId, type ExpressionModelId } from './expression';

/** File name of the stacking layer inside the models folder (fitted by scripts/train/face-stacker.ts). */
export const STACKER_FILE = 'expression-stacker.json';
export const STACKER_FORMAT = 'attune-expression-stacker';

/**
 * A calibrated stacking layer over the expression models: for each canonical class c,
 * z_c = bias[c] + Σ_m Σ_k weights[c][m·7 + k] · ln(max(p_m,k, floor)), then softmax(z).
 * `p_m` is model m's distribution (flip-averaged when flip is on) in canonical order and m runs over
 * `models` in that order. A plain weighted mean of log-probabilities with per-class biases is the
 * special case weights[c][m·7 + k] = a_m·[k = c].
 */
export interface StackerWeights {
  format: typeof STACKER_FORMAT;
  version: 1;
  models: ExpressionModelId[];
  /** 7 rows (canonical order) of 7·models.length columns. */
  weights: number[][];
  /** 7 values, canonical order. */
  bias: number[];
  /** Lower bound on a probability before its log, so one confident zero cannot dominate. */
  floor: number;
  /** How it was fitted and what it scored; documentation only, not read by code. */
  fitted?: unknown;
}

const K = EMOTIONS.length;

const isFiniteArray = (v: unknown, n: number): v is number[] =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Checks parsed JSON is a stacker; anything else is AttuneError('model-corrupt'). */
export function parseStacker(value: unknown, name = STACKER_FILE): StackerWeights {
  const bad = (why: string): AttuneError => new AttuneError('model-corrupt', `${name}: ${why}`);
  if (typeof value !== 'object' || value === null) throw bad('not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.format !== STACKER_FORMAT || v.version !== 1) throw bad(`not a ${STACKER_FORMAT} version 1 file`);
  const models = v.models;
  if (
    !Array.isArray(models) ||
    models.length === 0 ||
    !models.every((m) => typeof m === 'string' && isExpressionModelId(m)) ||
    new Set(models).size !== models.length
  ) {
    throw bad('models must name distinct expression models');
  }
  const width = K * models.length;
  if (!Array.isArray(v.weights) || v.weights.length !== K || !v.weights.every((row) => isFiniteArray(row, width))) {
    throw bad(`weights must be ${K} rows of ${width} finite numbers`);
  }
  if (!isFiniteArray(v.bias, K)) throw bad(`bias must be ${K} finite numbers`);
  if (typeof v.floor !== 'number' || !(v.floor > 0 && v.floor < 1)) throw bad('floor must be in (0, 1)');
  return value as StackerWeights;
}

/** Reads and checks a stacker file: 'model-missing' when absent, 'model-corrupt' when malformed. */
export async function loadStacker(path: string): Promise<StackerWeights> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const kind = code === 'ENOENT' || code === 'ENOTDIR' ? 'model-missing' : 'model-corrupt';
    throw new AttuneError(kind, `stacker file unreadable: ${path} (${String(err)})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AttuneError('model-corrupt', `${path}: not JSON (${String(err)})`, { cause: err });
  }
  return parseStacker(json, path);
}

/** The stacker's input row: ln(max(p, floor)) of each model's distribution, models in `s.models` order. */
export function stackerFeatures(
  s: Pick<StackerWeights, 'models' | 'floor'>,
  parts: ReadonlyMap<ExpressionModelId, EmotionProbs>,
): number[] {
  const row: number[] = [];
  for (const id of s.models) {
    const p = parts.get(id);
    if (!p) throw new AttuneError('internal', `stacker needs ${id}'s probabilities`);
    for (const e of EMOTIONS) row.push(Math.log(Math.max(p[e], s.floor)));
  }
  return row;
}

/** Applies the stacker to a feature row (see {@link stackerFeatures}); returns a distribution. */
export function stackRow(s: Pick<StackerWeights, 'weights' | 'bias'>, row: readonly number[]): number[] {
  const z = s.bias.map((b, c) => {
    const w = s.weights[c] ?? [];
    let sum = b;
    for (let j = 0; j < row.length; j++) sum += (w[j] ?? 0) * (row[j] ?? 0);
    return sum;
  });
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** The stacked distribution over {@link EMOTIONS} for the models' distributions. */
export function applyStacker(s: StackerWeights, parts: ReadonlyMap<ExpressionModelId, EmotionProbs>): EmotionProbs {
  const p = stackRow(s, stackerFeatures(s, parts));
  return Object.fromEntries(EMOTIONS.map((e, i) => [e, p[i] ?? 0])) as EmotionProbs;
}
