import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../shared/api';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';

const electron = vi.hoisted(() => ({
  exposed: [] as { key: string; api: unknown }[],
  listened: [] as string[],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    on: (channel: string) => electron.listened.push(channel),
    removeListener: () => undefined,
  },
}));

async function loadPreload(pathname: string): Promise<void> {
  electron.exposed.length = 0;
  electron.listened.length = 0;
  vi.resetModules();
  vi.stubGlobal('window', { location: { pathname }, postMessage: () => undefined });
  await import('./index');
}

afterEach(() => vi.unstubAllGlobals());

describe('preload', () => {
  it('exposes one object, window.attune, with exactly the contract methods and on', async () => {
    await loadPreload('/out/renderer/index.html');
    expect(electron.exposed.map((e) => e.key)).toEqual(['attune']);
    const api = electron.exposed[0]?.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'on'].sort());
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(electron.listened).toEqual([]);
  });

  it('relays the capture port on the capture page only', async () => {
    await loadPreload('/out/renderer/capture.html');
    expect(electron.listened).toEqual([CAPTURE_PORT_CHANNEL]);
  });
});
