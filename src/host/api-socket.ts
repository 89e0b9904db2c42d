/** The renderer contract over a WebSocket: requests in, envelopes and events out. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { UNAUTHORIZED_CLOSE_CODE, type ApiHandlers, type AttuneEvents, type WireMessage } from '../shared/api';
import { dispatchApi } from '../app/api-dispatch';
import { fail } from '../shared/envelope';

/** Largest accepted request, bytes: calls are small JSON. */
const MAX_REQUEST = 64 * 1024;

export class ApiSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST });

  constructor(private readonly handlers: ApiHandlers) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws));
  }

  /** Completes the handshake only to close at once with {@link UNAUTHORIZED_CLOSE_CODE}; nothing is read. */
  refuse(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // The peer may still send before our close frame lands (an oversized frame, say): ws reports that as an
      // 'error' event, which without a listener is thrown and takes the host down.
      ws.on('error', () => ws.terminate());
      ws.close(UNAUTHORIZED_CLOSE_CODE, 'unauthorized');
    });
  }

  broadcast<E extends keyof AttuneEvents>(event: E, payload: AttuneEvents[E]): void {
    const message = JSON.stringify({ kind: 'event', event, payload } satisfies WireMessage);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(message);
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private attach(ws: WebSocket): void {
    // Oversized or malformed frames, bad UTF-8, a reset peer: ws emits 'error' (and closes with 1009/1002); an
    // unlistened 'error' would be thrown out of the socket's data handler and end the host and its engine.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let request: { id?: unknown; method?: unknown; args?: unknown };
      try {
        request = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as typeof request;
      } catch {
        return;
      }
      if (typeof request !== 'object' || request === null || !Number.isInteger(request.id)) return;
      const id = request.id as number;
      void dispatchApi(this.handlers, request.method, request.args)
        .catch(() => fail('internal', 'The call could not be dispatched.'))
        .then((result) => {
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ kind: 'response', id, result } satisfies WireMessage));
        });
    });
  }
}
