/**
 * The renderer's side of the headless host's WebSocket: the same {@link AttuneBridge} the Electron preload
 * exposes, carried as JSON {@link WireRequest}s and {@link WireMessage}s. A thin composition of three units:
 * {@link PendingCalls} (id matching, timeouts), {@link Reconnection} (back-off on an injected clock) and
 * {@link ApiEvents} (subscribe/dispatch). Calls in flight when the socket drops answer with an
 * `engine-unavailable` envelope instead of hanging.
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
import { systemClock, type Clock } from '../../shared/clock';
import { fail, type Envelope } from '../../shared/envelope';
import { mapNames } from '../../shared/spec';
import { ApiEvents } from './api-events';
import type { BackoffOptions } from './backoff';
import { PendingCalls } from './pending-calls';
import { Reconnection } from './reconnection';

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
  /** Timers for call timeouts and reconnection. Default the system clock. */
  clock?: Clock;
}

export type HostClient = AttuneBridge & {
  readonly connection: ConnectionState;
  /** Called on every connection change; returns an unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good; pending calls fail. */
  close(): void;
};

const OPEN = 1;
const REFUSED = 'The host refused this page’s token.';

/** One socket at a time; what to do on open, message and drop. */
class HostConnection {
  state: ConnectionState = 'connecting';
  readonly events = new ApiEvents();
  readonly calls: PendingCalls;
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly reconnection: Reconnection;
  private readonly Socket: SocketConstructor;
  private socket: SocketLike | null = null;

  constructor(private readonly options: HostClientOptions) {
    const clock = options.clock ?? systemClock;
    this.Socket = options.WebSocket ?? WebSocket;
    this.calls = new PendingCalls({
      clock,
      timeoutMs: options.callTimeoutMs ?? 15_000,
      send: (request: WireRequest) => {
        if (!this.socket || this.socket.readyState !== OPEN) return false;
        this.socket.send(JSON.stringify(request));
        return true;
      },
    });
    this.reconnection = new Reconnection({ clock, backoff: options.backoff, connect: () => this.connect() });
  }

  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<Envelope<ApiResult<M>>> {
    if (this.state === 'unauthorized') return Promise.resolve(fail('unauthorized', REFUSED));
    if (this.state === 'closed') return Promise.resolve(fail('engine-unavailable', 'Not connected to Attune.'));
    // The host answers each method with that method's result type; the wire cannot prove it.
    return this.calls.add(method, args) as Promise<Envelope<ApiResult<M>>>;
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  connect(): void {
    this.setState('connecting');
    let ws: SocketLike;
    try {
      ws = new this.Socket(this.options.url);
    } catch {
      // An invalid URL (e.g. a page opened from file:// without the preload) throws synchronously.
      this.onDrop(1006);
      return;
    }
    this.socket = ws;
    ws.addEventListener('open', () => {
      if (this.socket !== ws) return;
      this.reconnection.opened();
      this.setState('open');
      this.calls.flush();
    });
    ws.addEventListener('message', (event) => {
      if (this.socket === ws) this.onMessage(event.data);
    });
    // 'error' is always followed by 'close', which does the work.
    ws.addEventListener('close', (event) => {
      if (this.socket === ws) this.onDrop(event.code);
    });
  }

  close(): void {
    this.reconnection.stop();
    const ws = this.socket;
    this.socket = null;
    ws?.close(1000, 'closed by the page');
    this.calls.failAll('engine-unavailable', 'The connection to Attune was closed.');
    this.setState('closed');
  }

  private setState(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.connectionListeners]) listener(next);
  }

  private onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      return; // Not ours to interpret; the host only sends JSON.
    }
    if (message?.kind === 'response' && typeof message.result?.ok === 'boolean') {
      this.calls.settle(message.id, message.result);
    } else if (message?.kind === 'event' && isApiEvent(message.event)) {
      this.events.dispatch(message.event, message.payload);
    }
  }

  private onDrop(code: number): void {
    this.socket = null;
    if (code === UNAUTHORIZED_CLOSE_CODE) {
      this.reconnection.stop();
      this.calls.failAll('unauthorized', REFUSED);
      this.setState('unauthorized');
      return;
    }
    this.calls.failAll('engine-unavailable', 'The connection to Attune was lost.');
    this.setState('closed');
    this.reconnection.dropped();
  }
}

export function createHostClient(options: HostClientOptions): HostClient {
  const connection = new HostConnection(options);
  // One function per method of API_SPEC, each a call over the socket.
  const methods = mapNames<ApiClient>(
    API_METHODS,
    <M extends ApiMethod>(method: M) =>
      (...args: ApiArgs<M>) =>
        connection.call(method, args),
  );
  const client: HostClient = {
    ...methods,
    get connection() {
      return connection.state;
    },
    on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void {
      return connection.events.on(event, listener);
    },
    onConnection: (listener) => connection.onConnection(listener),
    close: () => connection.close(),
  };
  connection.connect();
  return client;
}
