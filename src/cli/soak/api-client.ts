/** The host's API WebSocket as a page uses it: calls answered by envelopes, and the events it pushes. */
import { WebSocket } from 'ws';
import type { WireMessage } from '../../shared/api';
import { AttuneError, type Envelope } from '../../shared/envelope';

export class ApiClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Envelope<unknown>) => void>();

  private constructor(
    private readonly ws: WebSocket,
    onEvent: (event: string, payload: unknown) => void,
  ) {
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as WireMessage;
      if (msg.kind === 'event') onEvent(msg.event, msg.payload);
      else {
        this.waiting.get(msg.id)?.(msg.result);
        this.waiting.delete(msg.id);
      }
    });
  }

  static async open(
    port: number,
    token: string,
    onEvent: (event: string, payload: unknown) => void,
  ): Promise<ApiClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new ApiClient(ws, onEvent);
  }

  call(method: string, ...args: unknown[]): Promise<Envelope<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, args }));
    });
  }

  /** The value of a call that must succeed. */
  async value<T>(method: string, ...args: unknown[]): Promise<T> {
    const result = await this.call(method, ...args);
    if (!result.ok) throw new AttuneError(result.error.kind, `${method}: ${result.error.message}`);
    return result.value as T;
  }

  close(): void {
    this.ws.close();
  }
}
