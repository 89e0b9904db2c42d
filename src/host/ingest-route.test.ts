import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHost } from './host';
import { auth, INGEST_TOKEN, post, startIngestHost } from './ingest.test-support';

describe('POST /v1/text on the headless host', () => {
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
  });

  it('stores a JSON message and a batch of JSON lines, each in one engine call', async () => {
    const started = await startIngestHost();
    host = started.host;
    const one = await post(host.port, '{"text":"lovely morning","source":"journal"}', auth());
    expect(one.status).toBe(200);
    expect(JSON.parse(one.body)).toEqual({ stored: 1 });
    const lines = await post(
      host.port,
      '{"text":"a"}\n{"text":"b","at":1700000000000}\n',
      auth('application/x-ndjson'),
    );
    expect(lines.status).toBe(200);
    const calls = started.stored();
    expect(calls.map((c) => (c.type === 'request' ? c.args : null))).toEqual([
      [[{ text: 'lovely morning', source: 'journal' }]],
      [[{ text: 'a' }, { text: 'b', at: 1700000000000 }]],
    ]);
  });

  it('refuses without the right bearer token, when switched off, and other methods', async () => {
    const started = await startIngestHost();
    host = started.host;
    const body = '{"text":"hi"}';
    expect((await post(host.port, body, { 'Content-Type': 'application/json' })).status).toBe(401);
    const wrong = await post(host.port, body, { ...auth(), Authorization: `Bearer ${INGEST_TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect((JSON.parse(wrong.body) as { error: string }).error).toMatch(/Bearer/);
    expect((await post(host.port, '', auth(), { method: 'GET' })).status).toBe(405);
    expect(started.stored()).toEqual([]);
    await host.close();
    const off = await startIngestHost({ enabled: false });
    host = off.host;
    const refused = await post(host.port, body, auth());
    expect(refused.status).toBe(403);
    expect((JSON.parse(refused.body) as { error: string }).error).toMatch(/turned off/);
  });

  it('answers malformed input with a 4xx JSON error and stores nothing', async () => {
    const started = await startIngestHost();
    host = started.host;
    const bad = await post(host.port, '{"text":"ok"}\n{"text":1}', auth('application/x-ndjson'));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(bad.body)).toEqual({ error: 'line 2: "text" must be a string' });
    const big = await post(host.port, new Uint8Array(1_000_001), auth());
    expect(big.status).toBe(413);
    expect((await post(host.port, 'hi', auth('text/plain'))).status).toBe(415);
    expect(started.stored()).toEqual([]);
  });

  it('stops reading a chunked upload past 1 MB and answers 413', async () => {
    const started = await startIngestHost();
    host = started.host;
    const port = host.port;
    const status = await new Promise<number>((resolve) => {
      const headers = { ...auth(), 'Transfer-Encoding': 'chunked' };
      const req = request({ host: '127.0.0.1', port, path: '/v1/text', method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => undefined); // the host hangs up on the rest of the upload
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      for (let i = 0; i < 18; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(started.stored()).toEqual([]);
  });

  it('limits the message rate and says when to retry', async () => {
    const started = await startIngestHost({ rate: { perSecond: 1, burst: 2 } });
    host = started.host;
    const body = '{"text":"a"}\n{"text":"b"}';
    expect((await post(host.port, body, auth('application/x-ndjson'))).status).toBe(200);
    const limited = await post(host.port, '{"text":"c"}', auth());
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(started.stored()).toHaveLength(1);
  });

  it('refuses a foreign Host header (DNS rebinding) before reading anything', async () => {
    const started = await startIngestHost();
    host = started.host;
    const res = await post(host.port, '{"text":"hi"}', { ...auth(), Host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
    expect(started.stored()).toEqual([]);
  });
});
