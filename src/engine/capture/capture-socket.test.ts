/**
 * The capture socket against hostile local clients (issue 15): a message over its limit closes only that
 * socket instead of ending the engine, and upgrades with a foreign Origin or Host are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeFrame } from '../../shared/engine-protocol';
import type { CaptureInput } from './capture-input';
import { openCaptureSocket, type CaptureSocket } from './capture-socket';

const TOKEN = 't0k3n';
const PAGE = 'http://127.0.0.1:4000';

function frame(t: number): Uint8Array {
  return encodeFrame({ type: 'frame', seq: 1, t, width: 2, height: 2 }, new Uint8Array(16));
}

describe('capture socket', () => {
  let socket: CaptureSocket;
  let inputs: CaptureInput[];
  let uncaught: unknown[];
  const record = (err: unknown): void => {
    uncaught.push(err);
  };

  beforeEach(async () => {
    inputs = [];
    uncaught = [];
    process.on('uncaughtException', record);
    socket = await openCaptureSocket({ token: TOKEN, origins: [PAGE] }, (input) => inputs.push(input));
  });

  afterEach(async () => {
    process.off('uncaughtException', record);
    await socket.close();
  });

  function connect(headers: Record<string, string> = {}): WebSocket {
    return new WebSocket(`ws://127.0.0.1:${socket.port}/capture?token=${TOKEN}`, { headers });
  }

  const opened = (ws: WebSocket): Promise<void> =>
    new Promise((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));

  /** Sends a valid frame on a fresh socket and waits until it arrives. */
  async function stillServes(): Promise<void> {
    const ws = connect({ Origin: PAGE });
    await opened(ws);
    const before = inputs.length;
    ws.send(frame(42));
    await expect.poll(() => inputs.length).toBe(before + 1);
    expect(inputs.at(-1)).toMatchObject({ kind: 'frame', frame: { t: 42, width: 2, height: 2 } });
    ws.close();
  }

  it('closes only the socket that sends a 9 MB message', async () => {
    const ws = connect({ Origin: PAGE });
    ws.on('error', () => undefined);
    await opened(ws);
    const code = new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
    ws.send(new Uint8Array(9 * 1024 * 1024));
    expect([1006, 1009]).toContain(await code);
    await stillServes();
    expect(uncaught).toEqual([]);
  });

  it('refuses a page from another origin even with the token', async () => {
    await expect(opened(connect({ Origin: 'http://evil.example' }))).rejects.toThrow(/403/);
    await expect(opened(connect({ Origin: 'null' }))).rejects.toThrow(/403/);
  });

  it('refuses a Host header other than its own address (DNS rebinding)', async () => {
    await expect(opened(connect({ Origin: PAGE, Host: `evil.example:${socket.port}` }))).rejects.toThrow(/403/);
  });

  it('accepts its page and local programs that send no Origin', async () => {
    await stillServes();
    const ws = connect();
    await opened(ws);
    ws.close();
  });

  it('keeps serving when the consumer throws on a frame', async () => {
    await socket.close();
    let first = true;
    socket = await openCaptureSocket({ token: TOKEN, origins: [PAGE] }, (input) => {
      if (first && input.kind === 'frame') {
        first = false;
        throw new Error('analysis failed');
      }
      inputs.push(input);
    });
    const ws = connect({ Origin: PAGE });
    await opened(ws);
    ws.send(frame(1));
    await expect.poll(() => inputs.length).toBe(1);
    expect(inputs[0]).toEqual({ kind: 'invalid', reason: 'analysis failed' });
    ws.close();
    await stillServes();
    expect(uncaught).toEqual([]);
  });
});
