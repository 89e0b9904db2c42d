import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../shared/envelope';
import type { TextInput } from '../shared/text-input';
import { auth, INGEST_TOKEN, post } from './ingest.test-support';
import { startIngestServer, type IngestServer } from '../engine/ingest/ingest-server';

describe('startIngestServer (the endpoint without the rest of the host)', () => {
  let server: IngestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('stores accepted messages and serves nothing else', async () => {
    const stored: TextInput[][] = [];
    server = await startIngestServer({
      settings: () => Promise.resolve(ok({ token: INGEST_TOKEN, enabled: true })),
      store: (messages) => {
        stored.push(messages);
        return Promise.resolve(ok(messages.length));
      },
    });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1/text`);
    const res = await post(server.port, '{"text":"hello"}', auth());
    expect(res.status).toBe(200);
    expect(stored).toEqual([[{ text: 'hello' }]]);
    expect((await post(server.port, '', auth(), { path: '/', method: 'GET' })).status).toBe(404);
    const rebinding = await post(server.port, '{"text":"x"}', { ...auth(), Host: `evil.example:${server.port}` });
    expect(rebinding.status).toBe(403);
    expect((await post(server.port, '{"text":1}', auth())).status).toBe(400);
    expect(stored).toHaveLength(1);
  });
});
