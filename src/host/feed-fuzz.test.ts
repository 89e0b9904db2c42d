/**
 * Fuzz: 10,000 bad requests to the mood feed (no or wrong tokens, scopes the client lacks, foreign Host and
 * Origin headers, other methods, unknown paths, malformed history queries) against a real host. Every one must
 * get a 4xx JSON answer, the host must stay up, no stream may open and the engine must never be asked for
 * history. Seeded, so a failure can be replayed.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../engine/sim/prng';
import { FEED_TOKEN, getFeed, NOW_ONLY_TOKEN, startFeedHost, type FeedHost, type Got } from './feed.test-support';

const SEED = 0xfeed;
const REQUESTS = 10_000;
const PARALLEL = 64;

interface Case {
  path: string;
  method: string;
  headers: Record<string, string>;
  host?: string;
}

function makeCase(random: () => number, port: number): Case {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (n: number): number => Math.floor(random() * n);
  const junk = (n: number): string =>
    Array.from({ length: 1 + int(n) }, () => pick([...'abcXYZ019-_.~+/=%&?#;:@!$ ', 'é', '\u00ff'])).join('');
  const path = (): string => pick(['/v1/mood', '/v1/mood/stream', '/v1/mood/history']);
  const auth = { Authorization: `Bearer ${FEED_TOKEN}` };
  switch (int(8)) {
    case 0: // no token, or a token that is not one
      return {
        path: path(),
        method: 'GET',
        headers: pick<Record<string, string>>([
          {},
          { Authorization: `Bearer ${FEED_TOKEN.slice(0, int(FEED_TOKEN.length))}` },
          { Authorization: `Bearer ${FEED_TOKEN}${junk(3).trim() || 'x'}` },
          { Authorization: `Basic ${FEED_TOKEN}` },
          { Authorization: FEED_TOKEN },
          { Authorization: `Bearer ${encodeURIComponent(junk(40))}` },
          { Authorization: `Bearer ${'A'.repeat(1 + int(4000))}` },
          { Cookie: `attune_session=${FEED_TOKEN}` },
        ]),
      };
    case 1: // a real client without the scope
      return {
        path: pick(['/v1/mood/stream', '/v1/mood/history']),
        method: 'GET',
        headers: { Authorization: `Bearer ${NOW_ONLY_TOKEN}` },
      };
    case 2: // other methods
      return { path: path(), method: pick(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), headers: auth };
    case 3: // unknown paths under /v1/mood
      return { path: `/v1/mood/${encodeURIComponent(junk(20))}x`, method: 'GET', headers: auth };
    case 4: // DNS-rebinding pages: a foreign Host
      return {
        path: path(),
        method: 'GET',
        headers: auth,
        host: pick(['evil.example', `127.0.0.2:${port}`, 'localhost']),
      };
    case 5: // a web page, even with a token
      return {
        path: path(),
        method: 'GET',
        headers: { ...auth, Origin: pick(['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`]) },
      };
    default: {
      // malformed history queries
      const value = (): string =>
        pick(['', 'x', '1e3', '-', '0x10', '1.5', '99999999999999999', `z${encodeURIComponent(junk(8))}`]);
      const query = pick([
        `from=${value()}`,
        `to=${value()}`,
        `resolution=${pick(['hour', 'MINUTE', '', 'day', encodeURIComponent(junk(5))])}`,
        `from=10&to=5`,
        `from=0&to=${86_400_001 + int(1e9)}`,
        `${pick(['limit', 'token', 'callback', 'x'])}=1`,
      ]);
      return { path: `/v1/mood/history?${query}`, method: 'GET', headers: auth };
    }
  }
}

describe('mood feed fuzz', () => {
  let feed: FeedHost;
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });

  beforeAll(async () => {
    // The rate limit is lifted so every request reaches the check it is aimed at (429 is tested on its own).
    feed = await startFeedHost({ rate: { perSecond: 1e9, burst: 1e9 } });
  });
  afterAll(async () => {
    agent.destroy();
    await feed.host.close();
  });

  it(`answers ${REQUESTS} bad requests with 4xx and serves nothing`, { timeout: 120_000 }, async () => {
    const random = prng(SEED);
    const { port } = feed.host;
    const statuses = new Map<number, number>();
    for (let done = 0; done < REQUESTS; done += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, REQUESTS - done) }, () => makeCase(random, port));
      const replies: Got[] = await Promise.all(
        batch.map((c) => getFeed(port, c.path, c.headers, { method: c.method, agent, host: c.host })),
      );
      replies.forEach((reply, i) => {
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status < 400 || reply.status >= 500) {
          throw new Error(`case ${done + i}: status ${reply.status} for ${JSON.stringify(batch[i])}`);
        }
        expect(reply.body).not.toMatch(/"label"|"valence"|"points"/);
      });
    }
    expect([...statuses.keys()].sort()).toEqual([400, 401, 403, 404, 405]);
    expect(feed.requests('getFeedHistory')).toEqual([]);
    // Still up, and still serving the client with its token.
    const good = await getFeed(port, '/v1/mood', { Authorization: `Bearer ${FEED_TOKEN}` }, { agent });
    expect(JSON.parse(good.body)).toEqual({ waiting: true });
  });
});
