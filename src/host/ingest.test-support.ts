/** A headless host with a fake engine whose text endpoint is on, and a raw HTTP POST, for endpoint tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type Agent, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToEngine } from '../shared/engine-protocol';
import { FakeEngineChild } from './fake-engine.test-support';
import { startHost, type RunningHost } from './host';
import type { RateOptions } from '../engine/ingest/ingest-rate';

export const INGEST_TOKEN = 'ingest-token-for-tests-0123456789abcdefghij';

export interface Posted {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A response handler that collects the status, headers and body text, then resolves with them. */
export function readAnswer(resolve: (answer: Posted) => void): (res: IncomingMessage) => void {
  return (res) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
  };
}

export async function startIngestHost(
  options: { enabled?: boolean; rate?: RateOptions } = {},
): Promise<{ host: RunningHost; engine: FakeEngineChild; stored: () => ToEngine[] }> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'attune-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
  const engine = new FakeEngineChild({
    getIngestSettings: { token: INGEST_TOKEN, enabled: options.enabled ?? true },
    addTexts: 1,
  });
  const host = await startHost({
    rendererDir,
    modelsDir: '/models',
    dbFile: ':memory:',
    spawnEngine: () => engine,
    log: () => undefined,
    ...(options.rate ? { ingestRate: options.rate } : {}),
  });
  const stored = () => engine.received.filter((m) => m.type === 'request' && m.method === 'addTexts');
  return { host, engine, stored };
}

export function post(
  port: number,
  body: Uint8Array | string,
  headers: Record<string, string>,
  options: { path?: string; method?: string; agent?: Agent } = {},
): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? '/v1/text',
        method: options.method ?? 'POST',
        headers,
        agent: options.agent,
      },
      readAnswer(resolve),
    );
    // The host may close early on an oversize body; the answer it already sent is what counts.
    req.on('error', reject);
    req.end(body);
  });
}

export const auth = (contentType = 'application/json'): Record<string, string> => ({
  Authorization: `Bearer ${INGEST_TOKEN}`,
  'Content-Type': contentType,
});
