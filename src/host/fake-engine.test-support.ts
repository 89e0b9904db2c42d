/** An in-process stand-in for the engine process, for host and lifecycle tests. */
import type { EngineChild } from '../app/engine-lifecycle';
import type { FromEngine, ToEngine } from '../shared/engine-protocol';
import { ok } from '../shared/envelope';

export class FakeEngineChild implements EngineChild {
  received: ToEngine[] = [];
  private listener: ((m: FromEngine) => void) | null = null;
  private exitListener: ((code: number | null) => void) | null = null;

  constructor(private readonly answers: Record<string, unknown> = {}) {}

  send(message: ToEngine): void {
    this.received.push(message);
    queueMicrotask(() => {
      if (message.type === 'init')
        this.listener?.({ type: 'ready', seq: 1, modelLoadMs: 12, capturePort: 40404, ingestPort: null });
      if (message.type === 'request') {
        const answer = this.answers[message.method];
        // A function answer acts on the arguments (writes the export file, say) and gives the value.
        const value = typeof answer === 'function' ? (answer as (...a: unknown[]) => unknown)(...message.args) : answer;
        void Promise.resolve(value).then((v) =>
          this.listener?.({ type: 'response', seq: 2, replyTo: message.seq, result: ok(v ?? null) }),
        );
      }
      if (message.type === 'shutdown') this.exitListener?.(0);
    });
  }

  onMessage(listener: (m: FromEngine) => void): void {
    this.listener = listener;
  }

  onExit(listener: (code: number | null) => void): void {
    this.exitListener = listener;
  }

  kill(): void {
    this.exitListener?.(null);
  }

  /** Pushes an engine event as the real engine would. */
  emit(message: FromEngine): void {
    this.listener?.(message);
  }
}
