import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../shared/envelope';
import { tempDir } from '../engine/store/test-helpers';
import { downloadName, ExportDownloads } from './export-downloads';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('ExportDownloads', () => {
  let now = Date.UTC(2026, 0, 5, 10);
  let temp: ReturnType<typeof tempDir>;
  let server: Server;
  let written: { path: string; mode: number }[];
  let downloads: ExportDownloads;
  let failWrite = false;
  /** The last serve call: the temporary folder is removed once it settles, just after the reply ends. */
  let serving: Promise<void> = Promise.resolve();

  const get = (url: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const port = (server.address() as AddressInfo).port;
      const req = request({ host: '127.0.0.1', port, path: url }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeEach(async () => {
    temp = tempDir('attune-downloads-');
    written = [];
    failWrite = false;
    downloads = new ExportDownloads({
      now: () => now,
      tempRoot: temp.dir,
      writeExport: (format, range, path) => {
        if (failWrite) return Promise.resolve(fail('database-unreadable', 'disk gone'));
        const body = format === 'csv' ? `time,t\n${JSON.stringify(range ?? null)}\n` : '{"samples":[]}';
        writeFileSync(path, body, { mode: 0o600 });
        written.push({ path, mode: statSync(path).mode & 0o777 });
        return Promise.resolve(ok({ bytes: Buffer.byteLength(body) }));
      },
    });
    server = createServer((req, res) => {
      serving = downloads.serve((req.url ?? '').replace('/download/', ''), res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    temp.remove();
  });

  it('serves an export once, as an attachment, and leaves no file behind', async () => {
    const target = downloads.register('csv', { from: 1, to: 2 });
    expect(target).toEqual({
      kind: 'download',
      url: expect.stringMatching(/^\/download\/[\w-]{32}$/) as string,
      filename: 'attune-history-2026-01-05.csv',
    });
    if (target.kind !== 'download') throw new Error('not a download');
    const first = await get(target.url);
    expect(first.status).toBe(200);
    expect(first.body).toBe('time,t\n{"from":1,"to":2}\n');
    expect(first.headers['content-disposition']).toBe('attachment; filename="attune-history-2026-01-05.csv"');
    expect(first.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.body)));
    expect(written[0]?.mode).toBe(0o600);
    await serving;
    expect(existsSync(written[0]?.path ?? '')).toBe(false);
    expect(readdirSync(temp.dir)).toEqual([]);
    expect((await get(target.url)).status).toBe(404);
  });

  it('forgets an address after 5 minutes and refuses unknown ones', async () => {
    const target = downloads.register('json', undefined);
    now += 300_000;
    if (target.kind !== 'download') throw new Error('not a download');
    expect((await get(target.url)).status).toBe(404);
    expect((await get('/download/made-up')).status).toBe(404);
    expect(written).toEqual([]);
    downloads.register('json', undefined);
    now += 300_001;
    downloads.register('json', undefined);
    expect(downloads.size()).toBe(1); // expired ones are swept as new ones come
  });

  it('says so when the engine could not write the export', async () => {
    failWrite = true;
    const target = downloads.register('json', undefined);
    if (target.kind !== 'download') throw new Error('not a download');
    const reply = await get(target.url);
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('disk gone');
    await serving;
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  it('names the file by the local day', () => {
    expect(downloadName('json', new Date(2026, 11, 31, 23, 59).getTime())).toBe('attune-history-2026-12-31.json');
  });
});
