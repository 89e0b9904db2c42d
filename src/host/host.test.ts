import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { UNAUTHORIZED_CLOSE_CODE, type WireMessage } from '../shared/api';
import { sessionCookie } from '../engine/net/request-guards';
import { FakeEngineChild } from './fake-engine.test-support';
import { startHost, type RunningHost } from './host';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openApi(host: RunningHost, origin = `http://127.0.0.1:${host.port}`): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { Origin: origin } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown[] = []): Promise<WireMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const msg = JSON.parse(data.toString()) as WireMessage;
      if (msg.kind === 'response' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, args }));
  });
}

describe('headless host', () => {
  let host: RunningHost;
  let engine: FakeEngineChild;

  beforeEach(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'attune-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
    engine = new FakeEngineChild({
      getSamples: [],
      getLiveMood: null,
      // The real engine streams the export into the file the host names.
      writeExport: (format: string, _range: unknown, path: string) => {
        writeFileSync(path, format === 'csv' ? 'time,t\n' : '{}');
        return { bytes: format === 'csv' ? 7 : 2 };
      },
    });
    host = await startHost({
      rendererDir,
      modelsDir: '/models',
      dbFile: ':memory:',
      spawnEngine: () => engine,
      log: () => undefined,
    });
  });

  afterEach(async () => {
    await host.close();
  });

  it('serves only on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses the page without the token, serves it with the token and sets a strict cookie', async () => {
    expect((await get(host.port, '/')).status).toBe(401);
    expect((await get(host.port, '/?token=wrong')).status).toBe(401);
    const ok = await get(host.port, `/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>Attune</title>');
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect(String(ok.headers['set-cookie'])).toMatch(new RegExp(`^attune_session_${host.port}=`));
    expect(String(ok.headers['set-cookie'])).not.toContain(host.token);
    expect(String(ok.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('accepts the session cookie for assets and rejects foreign Host headers', async () => {
    const session = sessionCookie(host.token, host.port);
    expect((await get(host.port, '/index.html', { Cookie: `${session.name}=${session.value}` })).status).toBe(200);
    expect((await get(host.port, '/index.html', { Cookie: `attune_session=${host.token}` })).status).toBe(401);
    const rebinding = await get(host.port, `/?token=${host.token}`, { Host: `evil.example:${host.port}` });
    expect(rebinding.status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await get(host.port, `/..%2f..%2fetc%2fpasswd?token=${host.token}`);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('root:');
  });

  it('answers contract calls over the WebSocket with envelopes', async () => {
    const ws = await openApi(host);
    const status = await call(ws, 1, 'getStatus');
    expect(status.kind === 'response' && status.result.ok).toBe(true);
    const target = await call(ws, 2, 'getCaptureTarget');
    expect(target.kind === 'response' && target.result).toEqual({
      ok: true,
      value: { kind: 'websocket', url: `ws://127.0.0.1:40404/capture?token=${host.token}` },
    });
    const bad = await call(ws, 3, 'setPaused', ['yes']);
    expect(bad.kind === 'response' && !bad.result.ok && bad.result.error.kind).toBe('bad-input');
    const unknown = await call(ws, 4, 'dropTables');
    expect(unknown.kind === 'response' && !unknown.result.ok && unknown.result.error.kind).toBe('bad-input');
    ws.close();
  });

  it('refuses a WebSocket from another origin', async () => {
    await expect(openApi(host, 'http://evil.example')).rejects.toThrow();
  });

  it('closes an API socket with a wrong token with the unauthorized code, answering nothing', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=nope`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    const code = await new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
    expect(code).toBe(UNAUTHORIZED_CLOSE_CODE);
  });

  it('pushes engine events to connected pages', async () => {
    const ws = await openApi(host);
    const got = new Promise<WireMessage>((resolve) =>
      ws.on('message', (d: Buffer) => {
        const msg = JSON.parse(d.toString()) as WireMessage;
        if (msg.kind === 'event' && msg.event === 'mood') resolve(msg);
      }),
    );
    const mood = { t: 1, label: 'happy', probs: {}, valence: 0.8, arousal: 0.5, confidence: 0.9 };
    engine.emit({ type: 'event', seq: 9, name: 'mood', payload: mood as never });
    expect(await got).toEqual({ kind: 'event', event: 'mood', payload: mood });
    ws.close();
  });

  it('serves an export once at the address exportHistory gave, only to the page holding the token', async () => {
    const ws = await openApi(host);
    const answer = await call(ws, 1, 'exportHistory', ['csv']);
    ws.close();
    if (answer.kind !== 'response' || !answer.result.ok) throw new Error('export refused');
    const target = answer.result.value as { kind: string; url: string; filename: string };
    expect(target).toMatchObject({ kind: 'download' });
    expect(target.filename).toMatch(/^attune-history-.*\.csv$/);
    expect((await get(host.port, target.url)).status).toBe(401);
    const session = sessionCookie(host.token, host.port);
    const cookie = { Cookie: `${session.name}=${session.value}` };
    const file = await get(host.port, target.url, cookie);
    expect(file.status).toBe(200);
    expect(file.body).toBe('time,t\n');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${target.filename}"`);
    expect((await get(host.port, `${target.url}?token=${host.token}`)).status).toBe(404);
  });
});
