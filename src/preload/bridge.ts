/**
 * Builds `window.attune` from the contract, over anything shaped like ipcRenderer (so it is tested
 * without Electron). The page gets one async function per API method and `on` for API events; it never
 * sees ipcRenderer or an IpcRendererEvent.
 */
import {
  API_METHODS,
  apiChannel,
  eventChannel,
  isApiEvent,
  type ApiClient,
  type ApiEvent,
  type ApiMethod,
  type AttuneBridge,
  type AttuneEvents,
  type EventListener,
} from '../shared/api';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';
import { fail, type Envelope } from '../shared/envelope';

/** The part of an IpcRendererEvent the preload reads. */
export interface IpcEventLike {
  ports: MessagePort[];
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export function buildBridge(ipc: IpcRendererLike): AttuneBridge {
  const client: Partial<Record<ApiMethod, (...args: unknown[]) => Promise<Envelope<unknown>>>> = {};
  for (const method of API_METHODS) {
    client[method] = (...args) =>
      ipc.invoke(apiChannel(method), ...args).then(
        (result) => result as Envelope<unknown>,
        // Only reached when main has no handler (e.g. while quitting): keep the envelope promise.
        (err: unknown) => fail('engine-unavailable', err instanceof Error ? err.message : String(err)),
      );
  }
  const on = <E extends ApiEvent>(event: E, listener: EventListener<E>): (() => void) => {
    if (!isApiEvent(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const channel = eventChannel(event);
    const relay = (_event: IpcEventLike, payload: unknown): void => listener(payload as AttuneEvents[E]);
    ipc.on(channel, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, relay);
    };
  };
  // Every method is set by the loop above; the mapped type cannot be built by a loop.
  return Object.freeze({ ...(client as ApiClient), on });
}

/** What relayCapturePort needs of `window`. */
export interface CapturePageWindow {
  location: { pathname: string };
  postMessage(message: unknown, targetOrigin: string, transfer?: Transferable[]): void;
}

/**
 * On the capture page only: hands the engine's MessagePort from main to the page. Returns whether the
 * relay was installed.
 */
export function relayCapturePort(ipc: IpcRendererLike, win: CapturePageWindow): boolean {
  if (!win.location.pathname.endsWith('capture.html')) return false;
  ipc.on(CAPTURE_PORT_CHANNEL, (event) => {
    if (event.ports.length > 0) win.postMessage(CAPTURE_PORT_CHANNEL, '*', event.ports);
  });
  return true;
}
