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
  type ApiArgs,
  type ApiClient,
  type ApiEvent,
  type ApiMethod,
  type ApiResult,
  type AttuneBridge,
  type AttuneEvents,
  type EventListener,
} from '../shared/api';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';
import { fail, type Envelope } from '../shared/envelope';
import { mapNames } from '../shared/spec';

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
  // One function per method of API_SPEC, each invoking its channel; main answers with the method's envelope.
  const call =
    <M extends ApiMethod>(method: M) =>
    (...args: ApiArgs<M>): Promise<Envelope<ApiResult<M>>> =>
      ipc.invoke(apiChannel(method), ...args).then(
        (result) => result as Envelope<ApiResult<M>>,
        // Only reached when main has no handler (e.g. while quitting): keep the envelope promise.
        (err: unknown) => fail('engine-unavailable', err instanceof Error ? err.message : String(err)),
      );
  const client = mapNames<ApiClient>(API_METHODS, call);
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
  return Object.freeze({ ...client, on });
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
