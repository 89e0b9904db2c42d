/**
 * Regression tests for crashes any local process could cause through the API WebSocket (issue 15): an
 * oversized frame with or without the token, and a method that cannot be turned into a string. After each,
 * the host must still answer a normal call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { UNAUTHORIZED_CLOSE_CODE, type WireMessage } from '../shared/api';
import { FakeEngineChild } from './fake-engine.test-support';
import { startHost, type RunningHost } from './host';

function connect(host: RunningHost, token: string | null): WebSocket {
  const query = token === null ? '' : `?token=${token}`;
  return new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, {
    headers: { Origin: `http://127.0.0.1:${host.port}` },
  });
}

const closed = (ws: WebSocket): Promise<number> =>
  new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));

/** Opens an authorised socket, makes one getStatus call and returns the envelope's `ok`. */
async function answersStatus(host: RunningHost): Promise<boolean> {
  const ws = connect(host, host.token);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<WireMessage>((resolve) =>
    ws.on('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as WireMessage)),
  );
  ws.send(JSON.stringify({ id: 7, method: 'getStatus', args: [] }));
  const msg = await reply;
  ws.close();
  return msg.kind === 'response' && msg.id === 7 && msg.result.ok;
}

describe('API WebSocket against hostile peers', () => {
  let host: RunningHost;
  /** What escaped to the process: in the real host, any of these ends it (and its engine). */
  let uncaught: unknown[];
  const record = (err: unknown): void => {
    uncaught.push(err);
  };

  beforeEach(async () => {
    uncaught = [];
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    const rendererDir = mkdtempSync(join(tmpdir(), 'attune-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
    host = await startHost({
      rendererDir,
      modelsDir: '/models',
      dbFile: ':memory:',
      spawnEngine: () => new FakeEngineChild({}),
      log: () => undefined,
    });
  });

  afterEach(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await host.close();
  });

  it('survives a frame over 64 KiB on a socket without the token (the refuse path)', async () => {
    const ws = connect(host, null);
    ws.on('error', () => undefined);
    ws.once('open', () => ws.send('x'.repeat(70 * 1024)));
    const code = await closed(ws);
    expect([UNAUTHORIZED_CLOSE_CODE, 1006, 1009]).toContain(code);
    expect(await answersStatus(host)).toBe(true);
    expect(uncaught).toEqual([]);
  });

  it('survives a frame over 64 KiB on an authorised socket, closing only that socket', async () => {
    const ws = connect(host, host.token);
    ws.on('error', () => undefined);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 'getStatus', pad: 'x'.repeat(80 * 1024) })));
    expect([1006, 1009]).toContain(await closed(ws));
    expect(await answersStatus(host)).toBe(true);
    expect(uncaught).toEqual([]);
  });

  it('answers a method of {"toString":0} with a bad-input envelope instead of exiting', async () => {
    const ws = connect(host, host.token);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<WireMessage>((resolve) =>
      ws.on('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as WireMessage)),
    );
    ws.send('{"id":3,"method":{"toString":0},"args":[]}');
    const msg = await reply;
    expect(msg.kind === 'response' && !msg.result.ok && msg.result.error.kind).toBe('bad-input');
    ws.close();
    expect(await answersStatus(host)).toBe(true);
    expect(uncaught).toEqual([]);
  });
});
