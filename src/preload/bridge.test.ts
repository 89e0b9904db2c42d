import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../shared/api';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';
import type { AppStatus } from '../shared/mood';
import { buildBridge, relayCapturePort, type IpcEventLike, type IpcRendererLike } from './bridge';

type IpcListener = (event: IpcEventLike, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, IpcListener[]>();
  reply: (channel: string) => Promise<unknown> = () => Promise.resolve({ ok: true, value: 'answer' });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.reply(channel);
  }
  on(channel: string, listener: IpcListener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: IpcListener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  fire(channel: string, event: IpcEventLike, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l(event, ...args);
  }
}

const status: AppStatus = {
  engine: 'ready',
  paused: true,
  camera: 'paused',
  modelLoadMs: 3,
  lastFrameAt: null,
  problem: null,
};

describe('buildBridge', () => {
  it('exposes exactly the contract methods and on', () => {
    const bridge = buildBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'on'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes each method on its channel with its arguments and returns the envelope', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    await expect(bridge.setPaused(true)).resolves.toEqual({ ok: true, value: 'answer' });
    await bridge.getSamples({ from: 1, to: 2 }, 'face');
    expect(ipc.invoked).toEqual([
      { channel: 'attune:api:setPaused', args: [true] },
      { channel: 'attune:api:getSamples', args: [{ from: 1, to: 2 }, 'face'] },
    ]);
  });

  it('turns a failed invoke into an envelope', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = () => Promise.reject(new Error("No handler registered for 'attune:api:getStatus'"));
    await expect(buildBridge(ipc).getStatus()).resolves.toEqual({
      ok: false,
      error: { kind: 'engine-unavailable', message: "No handler registered for 'attune:api:getStatus'" },
    });
  });

  it('delivers event payloads without the IPC event, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const listener = vi.fn();
    const off = bridge.on('status', listener);
    ipc.fire('attune:event:status', { ports: [], sender: 'secret' } as IpcEventLike, status);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([status]);
    off();
    off();
    ipc.fire('attune:event:status', { ports: [] }, status);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipc.listeners.get('attune:event:status')).toEqual([]);
  });

  it('refuses events outside the contract and non-function listeners', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = buildBridge(ipc);
    expect(() => bridge.on('attune:api:getStatus' as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('status', 'nope' as never)).toThrow(TypeError);
    expect(ipc.listeners.size).toBe(0);
  });
});

describe('relayCapturePort', () => {
  const page = (pathname: string) => ({ location: { pathname }, postMessage: vi.fn() });

  it('relays the port from main to the capture page', () => {
    const ipc = new FakeIpcRenderer();
    const win = page('/app/out/renderer/capture.html');
    expect(relayCapturePort(ipc, win)).toBe(true);
    const port = {} as MessagePort;
    ipc.fire(CAPTURE_PORT_CHANNEL, { ports: [port] });
    expect(win.postMessage).toHaveBeenCalledWith(CAPTURE_PORT_CHANNEL, '*', [port]);
    ipc.fire(CAPTURE_PORT_CHANNEL, { ports: [] });
    expect(win.postMessage).toHaveBeenCalledTimes(1);
  });

  it('does nothing on other pages', () => {
    const ipc = new FakeIpcRenderer();
    expect(relayCapturePort(ipc, page('/app/out/renderer/index.html'))).toBe(false);
    expect(ipc.listeners.size).toBe(0);
  });
});
