/**
 * What the headless host serves, one row per route (the guards come from each row's `auth`; see
 * route-table.ts): the mood feed and the text endpoint (their own bearer keys), the end-to-end tests' clock,
 * one-time export downloads, the built pages, and the renderer contract's WebSocket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Envelope } from '../shared/envelope';
import { handleIngest, INGEST_PATH, type IngestDeps } from '../engine/ingest/ingest-route';
import { isFeedPath } from '../engine/feed/mood-feed';
import { queryToken, sessionCookie } from '../engine/net/request-guards';
import { SECURITY_HEADERS } from '../engine/net/security-headers';
import { DOWNLOAD_PREFIX } from './export-downloads';
import type { HttpRoute, RouteTable } from './route-table';
import { serveFile } from './static-files';

export const ADVANCE_CLOCK_PATH = '/test/advance-clock';
export const API_PATH = '/api';

export interface HostRouteDeps {
  /** The pages' token (for the session cookie the first visit sets). */
  token: string;
  /** Folder with the built pages. */
  rendererDir: string;
  feed: { handle(req: IncomingMessage, res: ServerResponse, port: number): Promise<void> };
  ingest: IngestDeps;
  downloads: { serve(id: string, res: ServerResponse): Promise<void> };
  api: {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
    refuse(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  };
  /** End-to-end tests only: moves the test clock `ms` forward. Absent: the route does not exist. */
  advanceClock?: (ms: number) => Promise<Envelope<unknown>>;
}

export function hostRoutes(deps: HostRouteDeps): RouteTable {
  const { advanceClock } = deps;
  const testRoutes: HttpRoute[] = advanceClock
    ? [
        {
          name: 'test clock',
          path: ADVANCE_CLOCK_PATH,
          methods: ['POST'],
          auth: 'session',
          handle: async (_req, res, { url }) => {
            const result = await advanceClock(Number(url.searchParams.get('ms')));
            res.writeHead(result.ok ? 200 : 400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
            res.end(JSON.stringify(result));
          },
        },
      ]
    : [];
  return {
    http: [
      {
        name: 'mood feed',
        path: isFeedPath,
        methods: 'any',
        auth: 'endpoint',
        handle: (req, res, { port }) => deps.feed.handle(req, res, port),
      },
      {
        name: 'text endpoint',
        path: INGEST_PATH,
        methods: 'any',
        auth: 'endpoint',
        handle: (req, res) => handleIngest(req, res, deps.ingest),
      },
      ...testRoutes,
      {
        name: 'export download',
        path: (path) => path.startsWith(DOWNLOAD_PREFIX),
        methods: ['GET'],
        auth: 'session',
        handle: (_req, res, { url }) => deps.downloads.serve(url.pathname.slice(DOWNLOAD_PREFIX.length), res),
      },
      {
        name: 'pages',
        path: () => true,
        methods: ['GET', 'HEAD'],
        auth: 'session',
        handle: (req, res, { port, url }) => {
          // The first visit carries ?token=…; a strict, HttpOnly cookie lets the page load its assets.
          const session = sessionCookie(deps.token, port);
          const cookie: Record<string, string> = queryToken(req)
            ? { 'Set-Cookie': `${session.name}=${session.value}; HttpOnly; SameSite=Strict; Path=/` }
            : {};
          return serveFile(res, deps.rendererDir, url.pathname, cookie);
        },
      },
    ],
    upgrade: [
      {
        name: 'renderer contract',
        path: API_PATH,
        auth: 'same-origin-session',
        upgrade: (req, socket, head) => deps.api.upgrade(req, socket, head),
        refuse: (req, socket, head) => deps.api.refuse(req, socket, head),
      },
    ],
  };
}
