/**
 * The headless host's half of `exportHistory`: each export gets a one-time address under /download/ on the
 * loopback server. Nothing is written until it is fetched; then the engine streams the export into a private
 * temporary folder (0700, file 0600), the host streams it out as an attachment and deletes it. An address works
 * once, and not after 5 minutes. The host checks the page token or cookie before calling {@link serve}.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { TimeRange } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import type { ExportFormat, ExportTarget } from '../shared/history-api';
import { SECURITY_HEADERS } from '../engine/net/security-headers';

export const DOWNLOAD_PREFIX = '/download/';

export interface ExportDownloadsOptions {
  /** Has the engine write the export into `path` (the lifecycle's `writeExport`). */
  writeExport: (
    format: ExportFormat,
    range: TimeRange | undefined,
    path: string,
  ) => Promise<Envelope<{ bytes: number }>>;
  /** Unix ms now: for expiry and the date in the file name. */
  now: () => number;
  /** How long an address stays valid, ms (default 300 000: 5 minutes). */
  ttlMs?: number;
  /** Where the private temporary folders are made (default the OS temp folder). */
  tempRoot?: string;
}

interface Pending {
  format: ExportFormat;
  range: TimeRange | undefined;
  filename: string;
  expiresAt: number;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `attune-history-YYYY-MM-DD.csv`, dated by the local day of `now`. */
export function downloadName(format: ExportFormat, now: number): string {
  const d = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `attune-history-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.${format}`;
}

export class ExportDownloads {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: ExportDownloadsOptions) {}

  /** A fresh one-time address (a path on the host's origin) for this export. */
  register(format: ExportFormat, range: TimeRange | undefined): ExportTarget {
    const now = this.options.now();
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
    const id = randomBytes(24).toString('base64url');
    const filename = downloadName(format, now);
    this.pending.set(id, { format, range, filename, expiresAt: now + (this.options.ttlMs ?? 300_000) });
    return { kind: 'download', url: `${DOWNLOAD_PREFIX}${id}`, filename };
  }

  /** Serves `id` once: 404 when unknown, used or expired; 503 when the engine could not write it. */
  async serve(id: string, res: ServerResponse): Promise<void> {
    const wanted = this.pending.get(id);
    this.pending.delete(id);
    if (!wanted || wanted.expiresAt <= this.options.now()) {
      res.writeHead(404, SECURITY_HEADERS).end('This download has expired. Export again from Settings.');
      return;
    }
    const dir = await mkdtemp(join(this.options.tempRoot ?? tmpdir(), 'attune-export-'));
    try {
      const file = join(dir, wanted.filename);
      const written = await this.options.writeExport(wanted.format, wanted.range, file);
      if (!written.ok) {
        res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`The export failed: ${written.error.message}`);
        return;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': TYPES[wanted.format],
        'Content-Length': String(written.value.bytes),
        'Content-Disposition': `attachment; filename="${wanted.filename}"`,
        'Cache-Control': 'no-store',
      });
      // A client that hangs up mid-download only ends this response.
      await pipeline(createReadStream(file), res).catch(() => res.destroy());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Addresses still waiting (for tests). */
  size(): number {
    return this.pending.size;
  }
}
