/**
 * The host's loopback server as a table: each route names its path, its methods and its `auth`, and the
 * table — not the handler — applies the guards. Every request first passes the host-wide checks (a loopback
 * peer, our own Host header: DNS-rebinding pages are refused with 403); then the first route whose path
 * matches takes it: another method answers 405, a missing page token 401, and only then the handler runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { authorised, hostHeaderAllowed, originAllowed, peerAllowed } from '../engine/net/request-guards';
import { SECURITY_HEADERS } from '../engine/net/security-headers';

/**
 * - `session`: the page's token, in `?token=` or as the session cookie it sets (see request-guards.ts).
 * - `endpoint`: no page token; the endpoint checks the bearer keys the person hands to other programs
 *   itself, because its switch, key and scope answers (JSON, 403/401/429) are that endpoint's documented
 *   contract (ingest-route.ts, mood-feed.ts).
 */
export type RouteAuth = 'session' | 'endpoint';

export type HttpMethod = 'GET' | 'HEAD' | 'POST';

export interface RouteContext {
  /** The server's port (for the Origin and cookie checks). */
  port: number;
  url: URL;
}

export interface HttpRoute {
  /** What the route is for, in a few words (logs and tests). */
  name: string;
  /** The exact path, or a test on the path. */
  path: string | ((path: string) => boolean);
  /** Methods served; others answer 405. `any`: the handler answers every method itself. */
  methods: readonly HttpMethod[] | 'any';
  auth: RouteAuth;
  handle(req: IncomingMessage, res: ServerResponse, context: RouteContext): Promise<void>;
}

export interface UpgradeRoute {
  name: string;
  path: string;
  /** Same origin as the pages and the page token: the only way a WebSocket is accepted. */
  auth: 'same-origin-session';
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Our own page with a stale or wrong token: told in a way it can show (the API socket's close code). */
  refuse(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface RouteTable {
  http: readonly HttpRoute[];
  upgrade: readonly UpgradeRoute[];
}

const TOKEN_HELP = 'Attune: open the address printed by `npm start` (it carries a private token).';

function matches(route: { path: HttpRoute['path'] }, path: string): boolean {
  return typeof route.path === 'string' ? route.path === path : route.path(path);
}

export function pathOf(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://127.0.0.1');
}

/** Answers one HTTP request from `table` for the server on `port`, whose pages carry `token`. */
export async function serveRoute(
  table: RouteTable,
  token: string,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!peerAllowed(req) || !hostHeaderAllowed(req, port)) {
    res.writeHead(403, SECURITY_HEADERS).end('Forbidden');
    return;
  }
  const url = pathOf(req);
  const route = table.http.find((r) => matches(r, url.pathname));
  if (!route) {
    res.writeHead(404, SECURITY_HEADERS).end('Not found');
    return;
  }
  if (route.methods !== 'any' && !route.methods.includes(req.method as HttpMethod)) {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: route.methods.join(', ') }).end('Method not allowed');
    return;
  }
  if (route.auth === 'session' && !authorised(req, token, port)) {
    res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(TOKEN_HELP);
    return;
  }
  // A client that hangs up mid-answer (or a handler that fails) ends this response, never the host.
  await route.handle(req, res, { port, url }).catch(() => res.destroy());
}

/** Takes one WebSocket upgrade from `table`, or refuses it. */
export function serveUpgrade(
  table: RouteTable,
  token: string,
  port: number,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const path = pathOf(req).pathname;
  const route = table.upgrade.find((r) => r.path === path);
  const ours = route && peerAllowed(req) && hostHeaderAllowed(req, port) && originAllowed(req, port);
  if (!ours) {
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    return;
  }
  if (!authorised(req, token, port)) route.refuse(req, socket, head);
  else route.upgrade(req, socket, head);
}

/** An HTTP server on 127.0.0.1 that serves a {@link RouteTable}. */
export class RouteServer {
  private readonly server: Server;

  constructor(
    private readonly table: RouteTable,
    private readonly token: string,
  ) {
    this.server = createServer((req, res) => void serveRoute(this.table, this.token, this.port, req, res));
    this.server.on('upgrade', (req, socket, head) =>
      serveUpgrade(this.table, this.token, this.port, req, socket, head),
    );
  }

  /** Listens on 127.0.0.1:`port` (0: a random free port); resolves with the port. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
