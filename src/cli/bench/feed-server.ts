/**
 * Child process of `bench`'s mood-feed figures: the feed's serving side (MoodFeed behind the same loopback
 * checks as the host) on its own port, fed moods as the engine sends them, so its CPU time is measured apart
 * from the clients that load it. Tells the parent its port, and answers 'cpu' with its CPU time so far (ms).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MoodFeed } from '../../engine/feed/mood-feed';
import { hashToken } from '../../engine/feed/feed-token';
import { hostHeaderAllowed, peerAllowed } from '../../engine/net/request-guards';
import { ok } from '../../shared/envelope';
import type { LiveMood } from '../../shared/mood';
import { BENCH_FEED_TOKEN, BENCH_MOODS_PER_SECOND } from './feed';
import { cpuMs } from './stats';

const feed = new MoodFeed({
  auth: () =>
    Promise.resolve(
      ok({
        enabled: true,
        clients: [
          {
            id: 1,
            name: 'bench',
            scopes: ['now', 'stream', 'history'],
            createdAt: 0,
            lastReadAt: null,
            tokenHash: hashToken(BENCH_FEED_TOKEN),
          },
        ],
      }),
    ),
  markRead: () => Promise.resolve(ok(undefined)),
  history: () => Promise.resolve(ok([])),
  // The limits are lifted: the figures are the feed's cost and capacity, not its limits.
  rate: { perSecond: 1e9, burst: 1e9 },
  maxStreamsPerClient: 1_000,
});

const server = createServer((req, res) => {
  const port = (server.address() as AddressInfo).port;
  if (!peerAllowed(req) || !hostHeaderAllowed(req, port)) res.writeHead(403).end();
  else feed.handle(req, res, port).catch(() => res.destroy());
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));

const contribution = (share: number) => ({ share, probs: null, lastAt: share > 0 ? Date.now() : null });
let n = 0;
setInterval(() => {
  n++;
  // A new label every 5 s, small changes of the numbers in between, as a face in front of a camera gives.
  const label = Math.floor(n / (5 * BENCH_MOODS_PER_SECOND)) % 2 ? 'happy' : 'neutral';
  const mood: LiveMood = {
    t: Date.now(),
    label,
    probs: { neutral: 0.5, happy: 0.4, sad: 0.02, angry: 0.02, fearful: 0.02, disgusted: 0.02, surprised: 0.02 },
    valence: 0.3 + (n % 7) / 100,
    arousal: 0.1,
    confidence: 0.7,
    modalities: { face: contribution(1), voice: contribution(0), text: contribution(0) },
  };
  feed.observeMood(mood);
}, 1000 / BENCH_MOODS_PER_SECOND);

process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpuMs: cpuMs() });
});
process.on('disconnect', () => process.exit(0));
