import { performance } from 'node:perf_hooks';

/** The part of a stream the bar needs; process.stderr fits. */
export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Where to draw. Default process.stderr: stdout stays clean for `--json`. */
  stream?: ProgressStream;
  /** Draw even when the stream is not a terminal (tests, CI logs). Default false. */
  force?: boolean;
  /** Draw nothing until the run has lasted this long, in ms, so quick runs stay quiet. Default 1000. */
  delayMs?: number;
  /** Least time between two redraws, in ms. Default 100. */
  intervalMs?: number;
  /** Clock in ms. Default performance.now. */
  now?: () => number;
}

const BAR_WIDTH = 24;

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One line: `face [#########---------------] 120/320 37% 0:05 left`. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.floor(share * BAR_WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  const left = done === 0 ? '' : ` ${clock((elapsedMs / done) * (total - done))} left`;
  return `${label} [${bar}] ${done}/${total} ${Math.floor(share * 100)}%${left}`;
}

/**
 * A progress bar redrawn in place with `\r`. Pass `update` as runEval's onProgress and call `finish` after.
 * `update` and `finish` are bound, so they can be handed around as plain functions.
 */
export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly enabled: boolean;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly start: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private lastLength = 0;
  private state = { done: 0, total: 0 };

  constructor(
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.enabled = options.force === true || this.stream.isTTY === true;
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
  }

  readonly update = (done: number, total: number): void => {
    this.state = { done, total };
    const t = this.now();
    if (!this.enabled || t - this.start < this.delayMs || t - this.lastDraw < this.intervalMs) return;
    this.draw(t);
  };

  /** Draws the final state and ends the line, if the bar was ever shown. */
  readonly finish = (): void => {
    if (this.lastLength === 0) return;
    this.draw(this.now());
    this.stream.write('\n');
    this.lastLength = 0;
  };

  private draw(t: number): void {
    const line = progressLine(this.label, this.state.done, this.state.total, t - this.start);
    // Pad over the previous line's tail: a shorter line must not leave old characters behind.
    this.stream.write(`\r${line.padEnd(this.lastLength)}`);
    this.lastLength = line.length;
    this.lastDraw = t;
  }
}
