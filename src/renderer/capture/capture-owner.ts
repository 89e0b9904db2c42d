/**
 * One capturing tab. Two dashboard tabs of the headless host used to both send frames, so the engine got
 * about twice the evidence (39 face frames per 10 s instead of 20). The tab that captures holds a Web
 * Lock; another tab waits for it, shows "already sensing in another tab", and can ask for it with a
 * message on a BroadcastChannel, upon which the holder stops and lets go. Closing the capturing tab
 * hands the lock to a waiting one by itself.
 */

/** The part of `navigator.locks` used here. */
export interface Locks {
  request(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export type OwnerState = 'asking' | 'owner' | 'elsewhere';

const LOCK = 'attune-capture';
const TAKE = 'take-capture';

export class CaptureOwner {
  private current: OwnerState = 'asking';
  private release: (() => void) | null = null;
  private closed = false;

  /** `locks` null (no Web Locks here): this page simply captures, as before. */
  constructor(
    private readonly onChange: (state: OwnerState) => void,
    private readonly locks: Locks | null,
    private readonly channel: Channel | null,
  ) {
    channel?.addEventListener('message', (event) => {
      if (event.data === TAKE && this.current === 'owner') this.letGo();
    });
  }

  get state(): OwnerState {
    return this.current;
  }

  /** Takes the lock when free, else says "elsewhere" and waits in line for it. */
  async start(): Promise<void> {
    if (!this.locks) return this.set('owner');
    let got = false;
    await this.locks.request(LOCK, { ifAvailable: true }, (lock) => {
      if (lock === null) return;
      got = true;
      return this.hold();
    });
    if (!got && !this.closed) this.wait();
  }

  /** Asks the capturing tab to stop; this tab is next in line and takes over once it has. */
  takeOver(): void {
    this.channel?.postMessage(TAKE);
  }

  /** This page is closing or no longer captures: lets go of everything. */
  close(): void {
    this.closed = true;
    this.release?.();
    this.channel?.close();
  }

  private wait(): void {
    this.set('elsewhere');
    void this.locks?.request(LOCK, {}, () => (this.closed ? undefined : this.hold()));
  }

  /** Holds the lock until `letGo` or `close`: the returned promise is the lock's lifetime. */
  private hold(): Promise<void> {
    this.set('owner');
    return new Promise<void>((resolve) => {
      this.release = resolve;
    });
  }

  private letGo(): void {
    const release = this.release;
    this.release = null;
    // Stop capturing first (the listener), then free the lock for the tab that asked, then queue again.
    this.set('elsewhere');
    release?.();
    if (!this.closed) this.wait();
  }

  private set(state: OwnerState): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state);
  }
}
