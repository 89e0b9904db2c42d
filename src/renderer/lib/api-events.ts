/** The host client's event listeners: subscribe per event, dispatch to each; one listener's bug spares the rest. */
import type { ApiEvent, EventListener } from '../../shared/api';

export class ApiEvents {
  private readonly listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();

  /** Adds `listener` for `event`; returns the function that removes it. */
  on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    // The host sends each event with that event's payload type; the wire cannot prove it.
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  /** Delivers `payload` to every listener of `event` (a copy of the set: a listener may unsubscribe). */
  dispatch(event: ApiEvent, payload: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`attune: a '${event}' listener failed`, err);
      }
    }
  }
}
