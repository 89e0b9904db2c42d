/** Serves the built renderer (out/renderer) with strict headers. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../engine/net/security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = resolve(join(root, relative));
  const base = resolve(root);
  return full === base || full.startsWith(base + sep) ? full : null;
}

export async function serveFile(
  res: ServerResponse,
  root: string,
  urlPath: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const file = resolveInside(root, urlPath);
  if (!file) {
    res.writeHead(400, SECURITY_HEADERS).end('Bad path');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...extra,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    res.end(body);
  } catch {
    res.writeHead(404, SECURITY_HEADERS).end('Not found');
  }
}
