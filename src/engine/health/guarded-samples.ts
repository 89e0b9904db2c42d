/**
 * The sample store with the disk's refusals (full, made read-only, failing) reported as the `saving` problem.
 * `drop` (the sensing paths: face, voice, the fused mood) then drops the rows, so readings still reach the live
 * mood; `throw` (text and check-ins, which someone is waiting on) still fails the call with the typed error.
 * Every later write is the retry: the first that goes through clears the problem. Reads pass through unchanged.
 */
import type { MoodSample, SampleSource } from '../../shared/mood';
import type { SampleRepository } from '../core/ports';
import { isStorageError } from '../store/errors';
import type { EngineHealth } from './engine-health';

export class GuardedSamples implements SampleRepository {
  constructor(
    private readonly store: SampleRepository,
    private readonly health: Pick<EngineHealth, 'report' | 'clear'>,
    private readonly onRefused: 'drop' | 'throw' = 'drop',
  ) {}

  insert(samples: MoodSample[]): unknown {
    try {
      const written = this.store.insert(samples);
      this.health.clear('saving');
      return written;
    } catch (err) {
      // Bugs (a bad row) still throw; only a refusing disk or file is lived through.
      if (!isStorageError(err)) throw err;
      this.health.report('saving', err);
      if (this.onRefused === 'throw') throw err;
      return [];
    }
  }

  range(from: number, to: number, source?: SampleSource): MoodSample[] {
    return this.store.range(from, to, source);
  }

  count(): number {
    return this.store.count();
  }
}
