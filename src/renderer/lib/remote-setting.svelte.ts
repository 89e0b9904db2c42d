/**
 * A setting the engine keeps, as a settings card holds it: the current value, the last error in words, and
 * whether a call is under way. Every call answers with an envelope; a failure keeps the last good value.
 */
import type { Envelope } from '../../shared/envelope';
import { errorWords } from './format';

export class RemoteSetting<T> {
  /** Null until the first answer. */
  value = $state<T | null>(null);
  /** True once a value has come (so a null value can mean something of its own). */
  loaded = $state(false);
  error = $state<string | null>(null);
  busy = $state(false);

  /** Takes an answer: its value, or its error in words. True when it was a value. */
  take(answer: Envelope<T>): answer is { ok: true; value: T } {
    if (!answer.ok) {
      this.error = errorWords(answer.error.kind);
      return false;
    }
    this.value = answer.value;
    this.loaded = true;
    this.error = null;
    return true;
  }

  /** Runs a load or a save with `busy` set while it is under way; the answer is taken as above and returned. */
  async run(call: () => Promise<Envelope<T>>): Promise<Envelope<T>> {
    this.busy = true;
    const answer = await call();
    this.busy = false;
    this.take(answer);
    return answer;
  }
}
