/**
 * Background care of the mood history: about once a minute, rolls up the minutes that have ended and prunes raw
 * samples older than the retention period. The work is cut into short steps (a day of roll-ups, a batch of
 * deletes), each run on its own turn of the event loop, so frames, audio and API calls are never held up.
 */
import type { Clock } from '../../shared/clock';
import type { LogLevel } from '../../shared/engine-protocol';
import type { Pruner } from '../store/retention';
import type { RollupStore } from '../store/rollups';

export interface HistoryUpkeepDeps {
  clock: Clock;
  rollups: Pick<RollupStore, 'refreshStep'>;
  pruner: Pick<Pruner, 'pruneStep'>;
  /** Days raw samples are kept, read at the start of each round (it may have just changed). */
  rawDays: () => number;
  log: (level: LogLevel, message: string) => void;
  /** Clock time between rounds, ms (default 60 000: once a minute). */
  everyMs?: number;
  /** Runs a step on a later turn of the event loop (default setImmediate); tests run the steps by hand. */
  defer?: (step: () => void) => void;
}

type Phase = 'rollups' | 'prune';

export class HistoryUpkeep {
  private lastRound = -Infinity;
  private running = false;

  constructor(private readonly deps: HistoryUpkeepDeps) {}

  /** Called on the engine's 1 Hz beat: starts a round when one is due and none is running. Never blocks. */
  tick(): void {
    const now = this.deps.clock.now();
    if (this.running || now - this.lastRound < (this.deps.everyMs ?? 60_000)) return;
    this.lastRound = now;
    this.running = true;
    this.schedule(() => this.step('rollups', now));
  }

  /** Makes the next beat start a round (after the retention changed, say). */
  soon(): void {
    this.lastRound = -Infinity;
  }

  /** True while a round has steps left. */
  busy(): boolean {
    return this.running;
  }

  /** `rawDays` is read when pruning starts (undefined until then), so a changed setting applies next round. */
  private step(phase: Phase, now: number, rawDays?: number): void {
    let more: boolean;
    let days = rawDays;
    try {
      if (phase === 'rollups') {
        // refreshStep rolls up only minutes before `now`'s: the current one is still being written.
        more = this.deps.rollups.refreshStep(now);
      } else {
        days ??= this.deps.rawDays();
        more = this.deps.pruner.pruneStep(now, days);
      }
    } catch (err) {
      // A locked or full disk must not stop the engine: the next round tries again.
      this.deps.log('warn', `history upkeep failed: ${err instanceof Error ? err.message : String(err)}`);
      this.running = false;
      return;
    }
    if (more) this.schedule(() => this.step(phase, now, days));
    else if (phase === 'rollups') this.schedule(() => this.step('prune', now));
    else this.running = false;
  }

  private schedule(step: () => void): void {
    (this.deps.defer ?? ((fn) => void setImmediate(fn)))(step);
  }
}
