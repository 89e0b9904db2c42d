/**
 * The renderer's side of the headless host's WebSocket: the same {@link AttuneBridge} the Electron preload
 * exposes, carried as JSON {@link WireRequest}s and {@link WireMessage}s. Reconnects with back-off; calls in
 * flight when the socket drops answer with an `engine-unavailable` envelope instead of hanging.
 */
import {
  API_METHODS,
  isApiEvent,
  type ApiArgs,
  type ApiClient,
  type ApiEvent,
  type ApiMethod,
  type ApiResult,
  type AttuneBridge,
  type EventListener,
  type WireMessage,
  type WireRequest,
  UNAUTHORIZED_CLOSE_CODE,
} from '../../shared/api';
import { fail, type Envelope, type ErrorKind } from '../../shared/envelope';
import { backoffDelay, type BackoffOptions } from './backoff';

/** The part of the browser WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

// The host closes with UNAUTHORIZED_CLOSE_CODE when the token is wrong: retrying cannot help, so the client
// stops. (A rejected HTTP upgrade would reach the page only as 1006, like "host not running".)
export { UNAUTHORIZED_CLOSE_CODE };

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface HostClientOptions {
  /** The host's API socket, token included: `ws://127.0.0.1:<port>/api?token=…`. */
  url: string;
  /** Default: the browser's WebSocket. */
  WebSocket?: SocketConstructor;
  backoff?: BackoffOptions;
  /** How long a call waits for its answer, in ms, before it fails with `engine-unavailable`. Default 15 000. */
  callTimeoutMs?: number;
}

export type HostClient = AttuneBridge & {
  readonly connection: ConnectionState;
  /** Called on every connection change; returns an unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good; pending calls fail. */
  close(): void;
};

interface Pending {
  request: WireRequest;
  sent: boolean;
  resolve: (result: Envelope<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export function createHostClient(options: HostClientOptions): HostClient {
  const Socket = options.WebSocket ?? WebSocket;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let closedForGood = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...connectionListeners]) listener(next);
  }

  function settle(id: number, result: Envelope<unknown>): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  function failAll(kind: ErrorKind, message: string): void {
    for (const id of [...pending.keys()]) settle(id, fail(kind, message));
  }

  function flush(): void {
    for (const entry of pending.values()) {
      if (entry.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(JSON.stringify(entry.request));
      entry.sent = true;
    }
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      return; // Not ours to interpret; the host only sends JSON.
    }
    if (message?.kind === 'response' && typeof message.result?.ok === 'boolean') {
      settle(message.id, message.result);
    } else if (message?.kind === 'event' && isApiEvent(message.event)) {
      for (const listener of [...(listeners.get(message.event) ?? [])]) {
        try {
          listener(message.payload);
        } catch (err) {
          console.error(`attune: a '${message.event}' listener failed`, err);
        }
      }
    }
  }

  function onDrop(code: number): void {
    socket = null;
    if (code === UNAUTHORIZED_CLOSE_CODE) {
      closedForGood = true;
      failAll('unauthorized', 'The host refused this page’s token.');
      setState('unauthorized');
      return;
    }
    failAll('engine-unavailable', 'The connection to Attune was lost.');
    setState('closed');
    if (closedForGood) return;
    reconnectTimer = setTimeout(connect, backoffDelay(attempt));
    attempt += 1;
  }

  function connect(): void {
    reconnectTimer = undefined;
    setState('connecting');
    let ws: SocketLike;
    try {
      ws = new Socket(options.url);
    } catch {
      // An invalid URL (e.g. a page opened from file:// without the preload) throws synchronously.
      onDrop(1006);
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      attempt = 0;
      setState('open');
      flush();
    });
    ws.addEventListener('message', (event) => {
      if (socket === ws) onMessage(event.data);
    });
    // 'error' is always followed by 'close', which does the work.
    ws.addEventListener('close', (event) => {
      if (socket === ws) onDrop(event.code);
    });
  }

  function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<Envelope<ApiResult<M>>> {
    if (state === 'unauthorized') return Promise.resolve(fail('unauthorized', 'The host refused this page’s token.'));
    if (state === 'closed') return Promise.resolve(fail('engine-unavailable', 'Not connected to Attune.'));
    // JSON turns a trailing `undefined` into null, which the host's argument checks rightly refuse.
    const wireArgs: unknown[] = [...args];
    while (wireArgs.length > 0 && wireArgs[wireArgs.length - 1] === undefined) wireArgs.pop();
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(
        () => settle(id, fail('engine-unavailable', `Attune did not answer ${method} in time.`)),
        callTimeoutMs,
      );
      const request: WireRequest = { id, method, args: wireArgs };
      // The host answers each method with that method's result type; the wire cannot prove it.
      pending.set(id, { request, sent: false, resolve: resolve as (r: Envelope<unknown>) => void, timer });
      flush();
    });
  }

  const methods = {} as Record<ApiMethod, unknown>;
  for (const method of API_METHODS) methods[method] = (...args: ApiArgs<typeof method>) => call(method, args);

  const client: HostClient = {
    ...(methods as ApiClient),
    get connection() {
      return state;
    },
    on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      clearTimeout(reconnectTimer);
      const ws = socket;
      socket = null;
      ws?.close(1000, 'closed by the page');
      failAll('engine-unavailable', 'The connection to Attune was closed.');
      setState('closed');
    },
  };
  connect();
  return client;
}
