/**
 * Electron's path: the engine serves the mood feed beside the text endpoint on its own loopback port
 * (startIngestServer with a MoodFeed), and main hears the readers count as an engine event.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MoodFeed } from '../engine/feed/mood-feed';
import { startIngestServer, type IngestServer } from '../engine/ingest/ingest-server';
import { AppService } from '../app/app-service';
import { ok } from '../shared/envelope';
import { feedAuth, FEED_TOKEN, getFeed, openStream } from './feed.test-support';
import { auth, post } from './ingest.test-support';

describe('the mood feed on the engine’s own server', () => {
  let server: IngestServer | null = null;
  let feed: MoodFeed | null = null;
  afterEach(async () => {
    feed?.close();
    await server?.close();
    server = null;
    feed = null;
  });

  it('serves /v1/mood beside /v1/text, with the same checks, and reports readers', async () => {
    const readers: number[] = [];
    feed = new MoodFeed({
      auth: () => Promise.resolve(ok(feedAuth())),
      markRead: () => Promise.resolve(ok(undefined)),
      history: () => Promise.resolve(ok([])),
      onReaders: (n) => readers.push(n),
    });
    server = await startIngestServer({
      settings: () => Promise.resolve(ok({ token: 'ingest', enabled: false })),
      store: () => Promise.resolve(ok(0)),
      feed,
    });
    const { port } = server;
    expect(JSON.parse((await getFeed(port, '/v1/mood', { Authorization: `Bearer ${FEED_TOKEN}` })).body)).toEqual({
      waiting: true,
    });
    expect((await getFeed(port, '/v1/mood')).status).toBe(401);
    expect((await getFeed(port, '/v1/mood', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await post(port, '{"text":"x"}', auth())).status).toBe(403); // the text endpoint, switched off
    const stream = await openStream(port, FEED_TOKEN);
    expect(stream.status).toBe(200);
    stream.close();
    expect(readers).toEqual([1]);
  });

  it("passes the engine's readers count to the pages as a 'feed' event", () => {
    const emit = vi.fn();
    const service = new AppService({
      engine: { request: () => Promise.resolve(ok(null as never)) },
      captureTarget: () => ({ kind: 'message-port' }),
      emit,
    });
    service.engineEvent({ name: 'feed', payload: { readers: 2 } });
    expect(emit).toHaveBeenCalledWith('feed', { readers: 2 });
  });
});
