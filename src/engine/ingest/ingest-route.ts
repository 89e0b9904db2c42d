/**
 * POST /v1/text on the host's loopback server: bearer token, switch, size limit, checks, rate limit, then one
 * engine call that stores every message in one transaction. Every refusal is JSON `{error}` with a 4xx/5xx
 * status, and nothing is stored unless the whole request is accepted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IngestSettings } from '../../shared/engine-protocol';
import type { Envelope } from '../../shared/envelope';
import { INGEST_PATH, type TextInput } from '../../shared/text-input';
import { tokenMatches } from '../net/loopback';
import { MAX_BODY_BYTES, parseIngestBody } from './ingest-parse';
import type { TokenBucket } from './ingest-rate';
import { SECURITY_HEADERS } from '../net/security-headers';

export { INGEST_PATH };

export interface IngestDeps {
  /** The endpoint's token and switch (from the engine's settings). */
  settings(): Promise<Envelope<IngestSettings>>;
  /** Stores all messages or none; resolves with how many were stored. */
  store(messages: TextInput[]): Promise<Envelope<number>>;
  bucket: TokenBucket;
}

function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Reads the body up to `max` bytes; null (and the rest unread) when it is larger. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function handleIngest(req: IncomingMessage, res: ServerResponse, deps: IngestDeps): Promise<void> {
  if (req.method !== 'POST') {
    reply(res, 405, { error: 'use POST' }, { Allow: 'POST' });
    return;
  }
  const settings = await deps.settings();
  if (!settings.ok) {
    reply(res, 503, { error: 'Attune is starting; try again shortly' }, { 'Retry-After': '1' });
    return;
  }
  if (!settings.value.enabled) {
    reply(res, 403, { error: "the text endpoint is turned off in Attune's settings" });
    return;
  }
  if (!tokenMatches(settings.value.token, bearer(req))) {
    reply(res, 401, { error: "send Authorization: Bearer <token> with the token from Attune's settings" });
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === null) {
    // The rest of the upload is not read: close the connection rather than drain a megabyte we refuse.
    reply(res, 413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` }, { Connection: 'close' });
    return;
  }
  const parsed = parseIngestBody(body, req.headers['content-type']);
  if (!parsed.ok) {
    reply(res, parsed.status, { error: parsed.error });
    return;
  }
  const admitted = deps.bucket.take(parsed.messages.length);
  if (!admitted.ok) {
    const seconds = String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000)));
    reply(res, 429, { error: 'too many messages; slow down' }, { 'Retry-After': seconds });
    return;
  }
  const stored = await deps.store(parsed.messages);
  if (stored.ok) reply(res, 200, { stored: stored.value });
  else if (stored.error.kind === 'bad-input') reply(res, 400, { error: stored.error.message });
  else reply(res, 503, { error: stored.error.message });
}
