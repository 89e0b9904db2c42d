/**
 * What the running engine cannot do right now, one problem per part (see HealthProblem): told to the app as the
 * `problems` event whenever the list changes, so the dashboard can say in plain words what stopped and what
 * still works. Problems found before the engine could emit (models loaded ahead of `init`) are passed in.
 */
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { AttuneError } from '../../shared/envelope';
import type { HealthPart, HealthProblem } from '../../shared/health';

export class EngineHealth {
  private readonly current = new Map<HealthPart, HealthProblem>();

  constructor(
    private readonly emit: (event: EngineEvent) => void,
    private readonly log: (level: LogLevel, message: string) => void,
    initial: readonly HealthProblem[] = [],
  ) {
    for (const problem of initial) this.current.set(problem.part, problem);
  }

  get problems(): HealthProblem[] {
    return [...this.current.values()];
  }

  /** Sends the list as it stands (at start, so the app hears of problems found while loading). */
  announce(): void {
    this.emit({ name: 'problems', payload: this.problems });
  }

  /** `part` stopped working because of `err`; announced (and logged) only when it is news. */
  report(part: HealthPart, err: unknown): void {
    const problem = problemOf(part, err);
    const before = this.current.get(part);
    if (before?.kind === problem.kind) return;
    this.current.set(part, problem);
    this.log('warn', `${part}: ${problem.kind}: ${problem.detail}`);
    this.announce();
  }

  /** `part` works again (a write went through after the disk had been full). */
  clear(part: HealthPart): void {
    if (!this.current.delete(part)) return;
    this.log('info', `${part}: working again`);
    this.announce();
  }
}

/** A thrown error as a problem of `part`: typed errors keep their kind, anything else is `internal`. */
export function problemOf(part: HealthPart, err: unknown): HealthProblem {
  if (err instanceof AttuneError) return { part, kind: err.kind, detail: err.message };
  return { part, kind: 'internal', detail: err instanceof Error ? err.message : String(err) };
}
