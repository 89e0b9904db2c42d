import { afterEach, describe, expect, it } from 'vitest';
import type { LiveMood } from '../shared/mood';
import type { FeedMood } from '../shared/feed';
import { feedAuth, FEED_TOKEN, getFeed, NOW_ONLY_TOKEN, openStream, startFeedHost } from './feed.test-support';
import type { RunningHost } from './host';

const bearer = (token = FEED_TOKEN): Record<string, string> => ({ Authorization: `Bearer ${token}` });

const contribution = (share: number) => ({
  share,
  probs: { neutral: 0.1, happy: 0.9, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
  lastAt: share > 0 ? 1_000 : null,
});

function liveMood(label: LiveMood['label'], valence: number): LiveMood {
  return {
    t: 1_000,
    label,
    probs: { neutral: 0.1, happy: 0.9, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
    valence,
    arousal: 0.2,
    confidence: 0.7,
    modalities: { face: contribution(1), voice: contribution(0), text: contribution(0) },
  };
}

describe('the mood feed on the headless host', () => {
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
  });

  it('serves the smoothed mood without probabilities, and only {paused: true} while paused', async () => {
    const started = await startFeedHost();
    host = started.host;
    expect(JSON.parse((await getFeed(host.port, '/v1/mood', bearer())).body)).toEqual({ waiting: true });
    started.engine.emit({ type: 'event', seq: 9, name: 'mood', payload: liveMood('happy', 0.6) });
    const now = await getFeed(host.port, '/v1/mood', bearer(NOW_ONLY_TOKEN));
    expect(now.status).toBe(200);
    expect(now.headers['content-type']).toMatch(/application\/json/);
    const mood = JSON.parse(now.body) as FeedMood;
    expect(mood).toEqual({
      t: 1_000,
      label: 'happy',
      confidence: 0.7,
      valence: 0.6,
      arousal: 0.2,
      modalities: {
        face: { share: 1, lastAt: 1_000 },
        voice: { share: 0, lastAt: null },
        text: { share: 0, lastAt: null },
      },
      personal: false,
    });
    expect(now.body).not.toContain('probs');
    await host.service.setPaused(true);
    for (const path of ['/v1/mood', '/v1/mood/history']) {
      expect(JSON.parse((await getFeed(host.port, path, bearer())).body)).toEqual({ paused: true });
    }
    expect(started.requests('getFeedHistory')).toEqual([]);
  });

  it('refuses a missing or wrong token, a missing scope, a foreign page, other methods and paths', async () => {
    const started = await startFeedHost();
    host = started.host;
    const { port } = host;
    expect((await getFeed(port, '/v1/mood')).status).toBe(401);
    const wrong = await getFeed(port, '/v1/mood', bearer(`${FEED_TOKEN}x`));
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    expect((await getFeed(port, '/v1/mood/history', bearer(NOW_ONLY_TOKEN))).status).toBe(403);
    expect((await getFeed(port, '/v1/mood/stream', bearer(NOW_ONLY_TOKEN))).status).toBe(403);
    const page = await getFeed(port, '/v1/mood', { ...bearer(), Origin: 'http://evil.example' });
    expect(page.status).toBe(403);
    expect((await getFeed(port, '/v1/mood', bearer(), { host: 'evil.example' })).status).toBe(403);
    expect((await getFeed(port, '/v1/mood', bearer(), { method: 'POST' })).status).toBe(405);
    expect((await getFeed(port, '/v1/mood/else', bearer())).status).toBe(404);
    started.answers.getFeedAuth = feedAuth(false);
    await host.service.handlers().setMoodFeedEnabled(false);
    const off = await getFeed(port, '/v1/mood', bearer());
    expect(off.status).toBe(403);
    expect((JSON.parse(off.body) as { error: string }).error).toMatch(/turned off/);
  });

  it('answers history from the engine, and refuses a bad query with 400', async () => {
    const started = await startFeedHost();
    host = started.host;
    const answer = await getFeed(host.port, '/v1/mood/history?from=0&to=3600000&resolution=quarter', bearer());
    expect(JSON.parse(answer.body)).toMatchObject({
      from: 0,
      to: 3_600_000,
      resolution: 'quarter',
      points: [{ t: 0 }],
    });
    const [call] = started.requests('getFeedHistory');
    expect(call?.type === 'request' ? call.args : null).toEqual([{ from: 0, to: 3_600_000 }, 'quarter']);
    for (const query of ['?resolution=hour', '?from=x', '?from=10&to=5', '?from=0&to=90000000', '?limit=1']) {
      expect((await getFeed(host.port, `/v1/mood/history${query}`, bearer())).status).toBe(400);
    }
  });

  it('limits each client to its rate', async () => {
    const started = await startFeedHost({ rate: { perSecond: 1, burst: 3 } });
    host = started.host;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await getFeed(host.port, '/v1/mood', bearer())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another client has its own bucket.
    expect((await getFeed(host.port, '/v1/mood', bearer(NOW_ONLY_TOKEN))).status).toBe(200);
  });

  it('streams moods, counts the reader, records the read, and ends the stream when the client is revoked', async () => {
    const started = await startFeedHost();
    host = started.host;
    const stream = await openStream(host.port, FEED_TOKEN);
    expect(stream.status).toBe(200);
    started.engine.emit({ type: 'event', seq: 9, name: 'mood', payload: liveMood('happy', 0.6) });
    started.engine.emit({ type: 'event', seq: 10, name: 'mood', payload: liveMood('sad', -0.6) });
    await stream.next(2);
    expect(stream.events.map((e) => [e.id, e.event, (JSON.parse(e.data) as FeedMood).label])).toEqual([
      ['1', 'mood', 'happy'],
      ['2', 'mood', 'sad'],
    ]);
    const info = await host.service.handlers().getMoodFeed();
    expect(info.readers).toBe(1);
    const reader = info.clients.find((c) => c.id === 1);
    expect(reader?.connected).toBe(true);
    expect(typeof reader?.lastReadAt).toBe('number');
    // Resume after the first event: only the second comes again.
    const resumed = await openStream(host.port, FEED_TOKEN, '1');
    await resumed.next(1);
    expect(resumed.events.map((e) => e.id)).toEqual(['2']);
    resumed.close();
    started.answers.getFeedAuth = { ...feedAuth(), clients: feedAuth().clients.filter((c) => c.id !== 1) };
    await host.service.handlers().revokeFeedClient(1);
    await stream.ended;
    expect((await getFeed(host.port, '/v1/mood', bearer())).status).toBe(401);
  });
});
