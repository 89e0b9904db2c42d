import { request, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sessionCookie } from '../engine/net/request-guards';
import { RouteServer, type RouteTable } from './route-table';

const TOKEN = 'a-long-test-token';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(port: number, path: string, token: string, origin: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}?token=${token}`, { headers: { Origin: origin } });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
    ws.once('error', () => resolve('error'));
  });
}

function table(calls: string[]): RouteTable {
  const ok =
    (name: string) =>
    (_req: unknown, res: ServerResponse): Promise<void> => {
      calls.push(name);
      res.end(name);
      return Promise.resolve();
    };
  return {
    http: [
      { name: 'endpoint', path: '/open', methods: 'any', auth: 'endpoint', handle: ok('endpoint') },
      { name: 'post only', path: '/post', methods: ['POST'], auth: 'session', handle: ok('post') },
      {
        name: 'broken',
        path: '/broken',
        methods: ['GET'],
        auth: 'session',
        handle: () => Promise.reject(new Error('handler bug')),
      },
      { name: 'prefix', path: (p) => p.startsWith('/files/'), methods: ['GET'], auth: 'session', handle: ok('files') },
    ],
    upgrade: [
      {
        name: 'socket',
        path: '/api',
        auth: 'same-origin-session',
        upgrade: () => calls.push('upgrade'),
        refuse: (_req, socket) => {
          calls.push('refuse');
          socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        },
      },
    ],
  };
}

describe('RouteServer', () => {
  let server: RouteServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(calls: string[]): Promise<number> {
    server = new RouteServer(table(calls), TOKEN);
    return server.listen(0);
  }

  it('refuses every request with a foreign Host header before any route (DNS rebinding)', async () => {
    const calls: string[] = [];
    const port = await start(calls);
    expect((await send(port, 'GET', '/open', { Host: `evil.example:${port}` })).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('lets an endpoint route answer without the page token, for any method', async () => {
    const calls: string[] = [];
    const port = await start(calls);
    expect((await send(port, 'DELETE', '/open')).status).toBe(200);
    expect(calls).toEqual(['endpoint']);
  });

  it('answers 405 with Allow for another method, and 401 without the token, before the handler', async () => {
    const calls: string[] = [];
    const port = await start(calls);
    const wrong = await send(port, 'GET', `/post?token=${TOKEN}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    const anonymous = await send(port, 'POST', '/post');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toContain('private token');
    expect(calls).toEqual([]);
    expect((await send(port, 'POST', `/post?token=${TOKEN}`)).status).toBe(200);
    const cookie = sessionCookie(TOKEN, port);
    expect((await send(port, 'GET', '/files/a', { Cookie: `${cookie.name}=${cookie.value}` })).status).toBe(200);
    expect(calls).toEqual(['post', 'files']);
  });

  it('answers 404 where no route matches, and survives a handler that fails', async () => {
    const calls: string[] = [];
    const port = await start(calls);
    expect((await send(port, 'GET', `/nothing?token=${TOKEN}`)).status).toBe(404);
    await expect(send(port, 'GET', `/broken?token=${TOKEN}`)).rejects.toThrow();
    expect((await send(port, 'GET', `/files/x?token=${TOKEN}`)).status).toBe(200);
  });

  it('upgrades only same-origin sockets with the token, refusing a wrong token through the route', async () => {
    const calls: string[] = [];
    const port = await start(calls);
    const origin = `http://127.0.0.1:${port}`;
    expect(await upgrade(port, '/api', TOKEN, 'http://evil.example')).toBe('http 403');
    expect(await upgrade(port, '/other', TOKEN, origin)).toBe('http 403');
    expect(calls).toEqual([]);
    expect(await upgrade(port, '/api', 'wrong', origin)).toBe('http 401');
    expect(calls).toEqual(['refuse']);
  });
});
