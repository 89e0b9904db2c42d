/**
 * A speaker's feature baseline: the running mean (and spread) of the features of the utterances heard from
 * them, by Welford's algorithm. The classifier reads each new utterance as a deviation from it, which is what
 * makes voice emotion work across speakers (a deep voice is not a sad voice). It fills either from a short
 * calibration (read a few sentences in your everyday voice) or from everything the user says; the app
 * persists it with {@link SpeakerBaseline.toJSON}. Numbers only: no audio is kept.
 */
import { AttuneError } from '../../shared/envelope';

export interface SpeakerBaselineJson {
  featureVersion: number;
  count: number;
  mean: number[];
  /** Sum of squared deviations per feature (Welford's M2). */
  m2: number[];
}

export class SpeakerBaseline {
  private n = 0;
  private readonly sum: Float64Array;
  private readonly m2: Float64Array;

  constructor(
    readonly dimension: number,
    /** FEATURE_VERSION of the features it holds: a baseline from other features is refused. */
    readonly featureVersion: number,
  ) {
    this.sum = new Float64Array(dimension);
    this.m2 = new Float64Array(dimension);
  }

  /** Adds one utterance's feature vector. Non-finite entries are ignored for that feature. */
  add(features: ArrayLike<number>): void {
    if (features.length !== this.dimension) {
      throw new AttuneError('bad-input', `baseline expects ${this.dimension} features, got ${features.length}`);
    }
    const n = this.n + 1;
    for (let j = 0; j < this.dimension; j++) {
      const x = features[j] ?? 0;
      // A non-finite entry counts as the current mean: it moves nothing.
      const oldMean = this.n > 0 ? (this.sum[j] ?? 0) / this.n : Number.isFinite(x) ? x : 0;
      const v = Number.isFinite(x) ? x : oldMean;
      this.sum[j] = (this.sum[j] ?? 0) + v;
      const newMean = (this.sum[j] ?? 0) / n;
      this.m2[j] = (this.m2[j] ?? 0) + (v - oldMean) * (v - newMean); // Welford's update
    }
    this.n = n;
  }

  /** Utterances added so far. */
  get count(): number {
    return this.n;
  }

  /** Mean of feature j (0 while empty). */
  mean(j: number): number {
    return this.n > 0 ? (this.sum[j] ?? 0) / this.n : 0;
  }

  /** All means. */
  means(): Float64Array {
    return Float64Array.from({ length: this.dimension }, (_, j) => this.mean(j));
  }

  /** Population standard deviation of feature j (0 with fewer than two utterances). */
  std(j: number): number {
    return this.n > 1 ? Math.sqrt((this.m2[j] ?? 0) / this.n) : 0;
  }

  toJSON(): SpeakerBaselineJson {
    return {
      featureVersion: this.featureVersion,
      count: this.n,
      mean: Array.from(this.means()),
      m2: Array.from(this.m2),
    };
  }

  static fromJSON(json: unknown): SpeakerBaseline {
    const j = json as Partial<SpeakerBaselineJson> | null;
    const numbers = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => typeof v === 'number');
    if (
      j === null ||
      typeof j !== 'object' ||
      typeof j.featureVersion !== 'number' ||
      !Number.isInteger(j.count) ||
      (j.count ?? -1) < 0 ||
      !numbers(j.mean) ||
      !numbers(j.m2) ||
      j.mean.length !== j.m2.length
    ) {
      throw new AttuneError('bad-input', 'not a speaker baseline');
    }
    const b = new SpeakerBaseline(j.mean.length, j.featureVersion);
    b.n = j.count ?? 0;
    j.mean.forEach((m, i) => (b.sum[i] = m * b.n));
    j.m2.forEach((v, i) => (b.m2[i] = v));
    return b;
  }
}
