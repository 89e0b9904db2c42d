/**
 * Headless host only: a loopback WebSocket on which the browser page sends camera frames straight to
 * the engine, so they never pass through the host's event loop. Requires the host's random token.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';
import type { CaptureInput } from './capture-input';
import { fromSocketMessage } from './capture-input';
import { isLoopback, tokenMatches } from '../net/loopback';
import { hostHeaderAllowed } from '../net/request-guards';

/** Largest accepted message: a 1920×1080 RGBA frame plus header, bytes. */
const MAX_PAYLOAD = 1920 * 1080 * 4 + 4096;

export interface CaptureSocket {
  port: number;
  close(): Promise<void>;
}

export interface CaptureSocketOptions {
  token: string;
  /**
   * Page origins allowed to connect (the host's `http://127.0.0.1:PORT` and `http://localhost:PORT`). A browser
   * always sends `Origin`; one not listed here is refused, so a leaked token is of no use to another site. A
   * client that sends no Origin is not a browser page (a local program, which could forge any header anyway).
   * Default: none.
   */
  origins?: readonly string[];
}

export async function openCaptureSocket(
  options: CaptureSocketOptions,
  onInput: (input: CaptureInput) => void,
): Promise<CaptureSocket> {
  const { token, origins = [] } = options;
  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    if (
      url.pathname !== '/capture' ||
      !isLoopback(req.socket.remoteAddress) ||
      // A page on another name that resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
      !hostHeaderAllowed(req, (server.address() as AddressInfo).port) ||
      (origin !== undefined && !origins.includes(origin)) ||
      !tokenMatches(token, url.searchParams.get('token'))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A message over MAX_PAYLOAD (a 9 MB frame), bad framing or a reset peer arrive as 'error'; unlistened,
      // ws throws it and the engine exits. Only this socket is closed.
      ws.on('error', () => ws.terminate());
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) return;
        const input = fromSocketMessage(toBytes(data));
        try {
          onInput(input);
        } catch (err) {
          // One frame the analysis trips over must not end the engine: it is reported and dropped.
          onInput({ kind: 'invalid', reason: err instanceof Error ? err.message : String(err) });
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
