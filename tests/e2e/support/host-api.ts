/**
 * A small Node client of the headless host's API WebSocket, for e2e tests that act without the pages
 * (export, delete). Same wire format as the renderer's host client: JSON requests by id, envelopes back.
 */
import { WebSocket } from 'ws';
import type { ApiArgs, ApiMethod, ApiResult, WireMessage } from '../../../src/shared/api';
import type { Envelope } from '../../../src/shared/envelope';
import type { AppStatus } from '../../../src/shared/mood';

export class HostApi {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Envelope<unknown>) => void>();
  private readonly statusListeners = new Set<(status: AppStatus) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as WireMessage;
      if (message.kind === 'response') {
        this.waiting.get(message.id)?.(message.result);
        this.waiting.delete(message.id);
      } else if (message.event === 'status') {
        for (const listener of this.statusListeners) listener(message.payload as AppStatus);
      }
    });
  }

  /** Connects with the token of the address the host printed, as its own page would. */
  static connect(hostUrl: string): Promise<HostApi> {
    const url = new URL(hostUrl);
    const token = url.searchParams.get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(token)}`, {
      headers: { Origin: url.origin },
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new HostApi(ws)));
      ws.once('error', reject);
    });
  }

  /** Calls a contract method; resolves with its value, rejects with the envelope's error message. */
  async call<M extends ApiMethod>(method: M, ...args: ApiArgs<M>): Promise<Awaited<ApiResult<M>>> {
    const id = this.nextId++;
    const result = await new Promise<Envelope<unknown>>((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, args }));
    });
    if (!result.ok) throw new Error(`${method}: ${result.error.kind}: ${result.error.message}`);
    return result.value as Awaited<ApiResult<M>>;
  }

  /** Resolves once the engine is ready (at once when it already is), from the host's status events. */
  async engineReady(): Promise<void> {
    let listener: (status: AppStatus) => void = () => undefined;
    // Listening before asking: a change between the answer and the next event is not missed.
    const ready = new Promise<void>((resolve) => {
      listener = (status) => {
        if (status.engine === 'ready') resolve();
      };
      this.statusListeners.add(listener);
    });
    try {
      if ((await this.call('getStatus')).engine !== 'ready') await ready;
    } finally {
      this.statusListeners.delete(listener);
    }
  }

  close(): void {
    this.ws.close();
  }
}
