/**
 * Headless host only: a loopback WebSocket on which the browser page sends camera frames straight to
 * the engine, so they never pass through the host's event loop. Requires the host's random token.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';
import type { CaptureInput } from './capture-input';
import { fromSocketMessage } from './capture-input';
import { isLoopback, tokenMatches } from './net/loopback';

/** Largest accepted message: a 1920×1080 RGBA frame plus header, bytes. */
const MAX_PAYLOAD = 1920 * 1080 * 4 + 4096;

export interface CaptureSocket {
  port: number;
  close(): Promise<void>;
}

export async function openCaptureSocket(token: string, onInput: (input: CaptureInput) => void): Promise<CaptureSocket> {
  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (
      url.pathname !== '/capture' ||
      !isLoopback(req.socket.remoteAddress) ||
      !tokenMatches(token, url.searchParams.get('token'))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) return;
        onInput(fromSocketMessage(toBytes(data)));
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
