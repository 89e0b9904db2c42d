import { describe, expect, it } from 'vitest';
import { CaptureOwner, type Channel, type Locks, type OwnerState } from './capture-owner';

/** One exclusive lock with a queue, as navigator.locks keeps per origin. */
class FakeLocks implements Locks {
  private held = false;
  private queue: (() => void)[] = [];

  async request(
    _name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown> {
    if (this.held && options.ifAvailable) return callback(null);
    if (this.held) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.held = true;
    try {
      return await callback({});
    } finally {
      this.held = false;
      this.queue.shift()?.();
    }
  }
}

/** Tabs of one origin: a message reaches every other channel. */
function channels(): () => Channel {
  const all: ((data: unknown) => void)[] = [];
  return () => {
    let mine: ((data: unknown) => void) | null = null;
    return {
      postMessage: (data) => all.filter((l) => l !== mine).forEach((l) => l(data)),
      addEventListener: (_type, listener) => {
        mine = (data) => listener({ data });
        all.push(mine);
      },
      close: () => undefined,
    };
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('CaptureOwner', () => {
  it('lets one tab capture, tells the second, moves capture on request, and back when a tab closes', async () => {
    const locks = new FakeLocks();
    const channel = channels();
    const seen: Record<string, OwnerState[]> = { a: [], b: [] };
    const a = new CaptureOwner((s) => seen.a?.push(s), locks, channel());
    const b = new CaptureOwner((s) => seen.b?.push(s), locks, channel());
    void a.start();
    await settle();
    void b.start();
    await settle();
    expect([a.state, b.state]).toEqual(['owner', 'elsewhere']);

    b.takeOver();
    await settle();
    expect([a.state, b.state]).toEqual(['elsewhere', 'owner']);
    // Never two owners at once: a stopped before b started.
    expect(seen.a).toEqual(['owner', 'elsewhere']);

    b.close();
    await settle();
    expect(a.state).toBe('owner');
  });

  it('captures as before where Web Locks do not exist', async () => {
    const owner = new CaptureOwner(() => undefined, null, null);
    await owner.start();
    expect(owner.state).toBe('owner');
  });
});
