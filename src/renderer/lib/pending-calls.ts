/**
 * The host client's calls in flight: each request gets an id, waits to be sent while the socket is not open,
 * and settles exactly once — with the host's answer (matched by id), with a timeout failure, or with the
 * failure given to {@link PendingCalls.failAll} when the connection goes.
 */
import type { ApiMethod, WireRequest } from '../../shared/api';
import type { Clock, TimerHandle } from '../../shared/clock';
import { fail, type Envelope, type ErrorKind } from '../../shared/envelope';

export interface PendingCallsOptions {
  clock: Clock;
  /** How long a call waits for its answer, in ms, before it fails with `engine-unavailable`. */
  timeoutMs: number;
  /** Sends one request; false when the socket is not open (the request waits for {@link PendingCalls.flush}). */
  send(request: WireRequest): boolean;
}

interface Pending {
  request: WireRequest;
  sent: boolean;
  resolve: (result: Envelope<unknown>) => void;
  timer: TimerHandle;
}

export class PendingCalls {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: PendingCallsOptions) {}

  /** Queues `method(args)` and sends it now if it can; resolves once with the answer or a failure. */
  add(method: ApiMethod, args: readonly unknown[]): Promise<Envelope<unknown>> {
    // JSON turns a trailing `undefined` into null, which the host's argument checks rightly refuse.
    const wireArgs: unknown[] = [...args];
    while (wireArgs.length > 0 && wireArgs[wireArgs.length - 1] === undefined) wireArgs.pop();
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = this.options.clock.setTimeout(
        () => this.settle(id, fail('engine-unavailable', `Attune did not answer ${method} in time.`)),
        this.options.timeoutMs,
      );
      this.pending.set(id, { request: { id, method, args: wireArgs }, sent: false, resolve, timer });
      this.flush();
    });
  }

  /** Sends every request not sent yet, in the order they were made, while the socket takes them. */
  flush(): void {
    for (const entry of this.pending.values()) {
      if (entry.sent) continue;
      if (!this.options.send(entry.request)) return;
      entry.sent = true;
    }
  }

  /** The host's answer to call `id`; unknown, late or repeated answers are ignored. */
  settle(id: number, result: Envelope<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    this.options.clock.clearTimeout(entry.timer);
    entry.resolve(result);
  }

  /** Fails every call in flight (the connection went): nothing hangs. */
  failAll(kind: ErrorKind, message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, fail(kind, message));
  }

  /** Calls waiting for an answer (for tests). */
  get size(): number {
    return this.pending.size;
  }
}
