/**
 * The text endpoint on a loopback server of its own, for apps that do not run the headless host's server
 * (Electron main: `startIngestServer({ settings: () => service.ingestSettings(), store: (m) =>
 * lifecycle.request('addTexts', m) })`, with the service's `ingestUrl` returning the server's url).
 * Same checks as the host: loopback peers, our Host header, then handleIngest.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import { TokenBucket, type RateOptions } from './ingest-rate';
import { handleIngest, INGEST_PATH, type IngestDeps } from './ingest-route';
import { hostHeaderAllowed, peerAllowed } from '../net/request-guards';
import { SECURITY_HEADERS } from '../net/security-headers';
import { isFeedPath, type MoodFeed } from '../feed/mood-feed';

export interface IngestServerOptions {
  settings: IngestDeps['settings'];
  store: IngestDeps['store'];
  /** TCP port on 127.0.0.1 (default 0: a random free port). */
  port?: number;
  /** Messages per second and burst (default 5 000/s, burst 10 000). */
  rate?: RateOptions;
  clock?: Clock;
  /** The mood feed, served on the same port under /v1/mood (absent: only the text endpoint). */
  feed?: MoodFeed;
}

export interface IngestServer {
  /** e.g. http://127.0.0.1:PORT/v1/text */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startIngestServer(options: IngestServerOptions): Promise<IngestServer> {
  const clock = options.clock ?? systemClock;
  const deps: IngestDeps = {
    settings: options.settings,
    store: options.store,
    bucket: new TokenBucket(() => clock.now(), options.rate),
  };
  const server = createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (!peerAllowed(req) || !hostHeaderAllowed(req, port)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' }).end('{"error":"forbidden"}');
    } else if (options.feed && isFeedPath(path)) {
      // A reader that hangs up mid-answer must not take the engine down.
      options.feed.handle(req, res, port).catch(() => res.destroy());
    } else if (path !== INGEST_PATH) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' }).end('{"error":"not found"}');
    } else {
      // A client that hangs up mid-upload must not take the app down.
      handleIngest(req, res, deps).catch(() => res.destroy());
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${INGEST_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
