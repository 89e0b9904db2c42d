import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameHeader } from '../../shared/engine-protocol';
import type { CameraState } from '../../shared/mood';
import { CameraSampler, type CameraHandle, type FrameSink, type OpenCamera } from './camera-sampler';

class RecordingSink implements FrameSink {
  frames: { header: FrameHeader; pixels: Uint8ClampedArray }[] = [];
  closed = false;
  send(header: FrameHeader, pixels: Uint8ClampedArray): void {
    this.frames.push({ header, pixels });
  }
  close(): void {
    this.closed = true;
  }
}

/** A camera that opens when the test says so; frames are 2×1 pixels whose first byte counts grabs. */
class FakeCamera {
  opens = 0;
  stops = 0;
  grabs = 0;
  ready = true;
  onEnded: (() => void) | null = null;
  private pending: { resolve: (h: CameraHandle) => void; reject: (e: unknown) => void } | null = null;

  readonly open: OpenCamera = (onEnded) => {
    this.opens += 1;
    this.onEnded = onEnded;
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  };

  async succeed(): Promise<void> {
    this.pending?.resolve({
      grab: () => (this.ready ? { width: 2, height: 1, pixels: new Uint8ClampedArray(8).fill(++this.grabs) } : null),
      stop: () => {
        this.stops += 1;
      },
    });
    this.pending = null;
    await flush();
  }

  async refuse(name: string): Promise<void> {
    this.pending?.reject(new DOMException('no', name));
    this.pending = null;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setUp(options: { fps?: number; retryMs?: number } = {}) {
  const camera = new FakeCamera();
  const sink = new RecordingSink();
  const states: CameraState[] = [];
  let clock = 1_000;
  const sampler = new CameraSampler({
    sink,
    openCamera: camera.open,
    reportCamera: (s) => states.push(s),
    now: () => clock,
    ...options,
  });
  return { camera, sink, states, sampler, tick: (ms: number) => ((clock += ms), vi.advanceTimersByTime(ms)) };
}

describe('CameraSampler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports starting then on, and samples 2 frames a second by default', async () => {
    const { camera, sink, states, sampler, tick } = setUp();
    const started = sampler.start();
    expect(states).toEqual(['starting']);
    await camera.succeed();
    await started;
    expect(states).toEqual(['starting', 'on']);
    tick(499);
    expect(sink.frames).toHaveLength(0);
    tick(1);
    tick(500);
    expect(sink.frames.map((f) => f.header)).toEqual([
      { type: 'frame', seq: 0, t: 1_500, width: 2, height: 1 },
      { type: 'frame', seq: 1, t: 2_000, width: 2, height: 1 },
    ]);
    expect(sink.frames[1]?.pixels[0]).toBe(2);
  });

  it('honours the fps option', async () => {
    const { camera, sink, sampler, tick } = setUp({ fps: 5 });
    void sampler.start();
    await camera.succeed();
    tick(1_000);
    expect(sink.frames).toHaveLength(5);
  });

  it('skips ticks while the camera has no picture yet', async () => {
    const { camera, sink, sampler, tick } = setUp();
    void sampler.start();
    await camera.succeed();
    camera.ready = false;
    tick(1_000);
    camera.ready = true;
    tick(500);
    expect(sink.frames.map((f) => f.header.seq)).toEqual([0]);
  });

  it('releases the camera on stop and reports why', async () => {
    const { camera, sink, states, sampler, tick } = setUp();
    void sampler.start();
    await camera.succeed();
    sampler.stop('paused');
    expect(camera.stops).toBe(1);
    expect(states).toEqual(['starting', 'on', 'paused']);
    tick(5_000);
    expect(sink.frames).toHaveLength(0);
    void sampler.start();
    await camera.succeed();
    sampler.stop();
    expect(states).toEqual(['starting', 'on', 'paused', 'starting', 'on', 'off']);
  });

  it('closes a camera that opens after stop was called', async () => {
    const { camera, states, sampler } = setUp();
    void sampler.start();
    sampler.stop('paused');
    await camera.succeed();
    expect(camera.stops).toBe(1);
    expect(states).toEqual(['starting', 'paused']);
  });

  it.each([
    ['NotAllowedError', 'denied'],
    ['NotReadableError', 'busy'],
    ['NotFoundError', 'unavailable'],
  ] as const)('maps a %s to %s', async (name, state) => {
    const { camera, states, sampler } = setUp();
    void sampler.start();
    await camera.refuse(name);
    expect(states).toEqual(['starting', state]);
    expect(sampler.cameraState).toBe(state);
  });

  it('retries a busy camera quietly, and not a refused one', async () => {
    const busy = setUp({ retryMs: 10_000 });
    void busy.sampler.start();
    await busy.camera.refuse('NotReadableError');
    busy.tick(9_999);
    expect(busy.camera.opens).toBe(1);
    busy.tick(1);
    expect(busy.camera.opens).toBe(2);
    await busy.camera.succeed();
    expect(busy.states).toEqual(['starting', 'busy', 'on']);

    const denied = setUp({ retryMs: 10_000 });
    void denied.sampler.start();
    await denied.camera.refuse('NotAllowedError');
    denied.tick(60_000);
    expect(denied.camera.opens).toBe(1);
  });

  it('reports a camera that goes away as unavailable and tries again', async () => {
    const { camera, states, sampler, tick } = setUp({ retryMs: 3_000 });
    void sampler.start();
    await camera.succeed();
    camera.onEnded?.();
    expect(camera.stops).toBe(1);
    expect(states).toEqual(['starting', 'on', 'unavailable']);
    tick(3_000);
    expect(camera.opens).toBe(2);
  });

  it('ignores a second start while opening or on', async () => {
    const { camera, sampler } = setUp();
    void sampler.start();
    void sampler.start();
    await camera.succeed();
    void sampler.start();
    expect(camera.opens).toBe(1);
  });

  it('swaps sinks, closing the old one', async () => {
    const { camera, sink, sampler, tick } = setUp();
    void sampler.start();
    await camera.succeed();
    const next = new RecordingSink();
    sampler.setSink(next);
    tick(500);
    expect(sink.closed).toBe(true);
    expect(sink.frames).toHaveLength(0);
    expect(next.frames).toHaveLength(1);
    sampler.dispose();
    expect(next.closed).toBe(true);
    expect(camera.stops).toBe(1);
  });
});
