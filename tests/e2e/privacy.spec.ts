import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACES_CLIP, SPEECH_WAV } from './global-setup';
import { chromiumPath, fakeMediaFlags, QUIET_FLAGS } from './support/chromium';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';
import { StoreReader } from './support/store-reader';

// The host and its engine run with a network guard that writes down every connection, lookup and listening
// socket that is not on the loopback interface; the page's own requests are watched by Playwright.
const NET_LOG = join(mkdtempSync(join(tmpdir(), 'attune-net-')), 'net.log');
writeFileSync(NET_LOG, '');
const GUARD = join(import.meta.dirname, 'support', 'net-guard.mjs');
const host = hostForThisFile({ env: { NODE_OPTIONS: `--import ${GUARD}`, ATTUNE_NET_LOG: NET_LOG } });
test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...QUIET_FLAGS, ...fakeMediaFlags(FACES_CLIP, SPEECH_WAV)] },
});

/** Signatures of image, audio and video files, and of the fake camera's own clip. */
const MEDIA_MAGIC: [string, Buffer][] = [
  ['JPEG', Buffer.from([0xff, 0xd8, 0xff])],
  ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['WAV', Buffer.from('WAVEfmt ')],
  ['Y4M', Buffer.from('YUV4MPEG2')],
  ['Ogg', Buffer.from('OggS')],
  ['FLAC', Buffer.from('fLaC')],
  ['WebM/Matroska', Buffer.from([0x1a, 0x45, 0xdf, 0xa3])],
  ['MP4', Buffer.from('ftypisom')],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no picture or sound reaches any file, and nothing but loopback is ever contacted', async ({ page }) => {
  expect(existsSync(SPEECH_WAV), 'speech fixture missing: apt-get install -y espeak-ng').toBe(true);
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') outside.push(request.url());
  });

  // Camera and microphone on: real faces and speech go through the whole pipeline for a while.
  const dashboard = new DashboardPage(page);
  await dashboard.open(host().url);
  await dashboard.expectMoodShown();
  await dashboard.expectVoiceReading();
  await dashboard.checkIn('A private note that must not be kept');
  await dashboard.expectCheckInReading();
  const store = new StoreReader(host().dbFile);
  try {
    await expect.poll(() => store.countSamples('face')).toBeGreaterThan(5);
    await expect.poll(() => store.countSamples('voice')).toBeGreaterThanOrEqual(1);
  } finally {
    store.close();
  }
  await host().stop();

  // Only the database (and SQLite's WAL and shared-memory files) is in the data folder.
  const files = filesUnder(host().dataDir);
  expect(files.map((f) => f.slice(host().dataDir.length + 1)).sort()).toEqual(
    expect.arrayContaining(['attune.sqlite']),
  );
  for (const file of files) expect(file).toMatch(/attune\.sqlite(-wal|-shm)?$/);
  // No column of any table can hold a blob, and no file holds a picture, a sound or the note.
  const db = new Database(host().dbFile, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const types = db.prepare(`SELECT type FROM pragma_table_info(?)`).pluck().all(table) as string[];
      expect(
        types.filter((t) => !['INTEGER', 'REAL', 'TEXT'].includes(t)),
        `${table} columns`,
      ).toEqual([]);
    }
  } finally {
    db.close();
  }
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const [kind, magic] of MEDIA_MAGIC) expect(bytes.includes(magic), `${kind} bytes in ${file}`).toBe(false);
    expect(bytes.includes(Buffer.from('private note')), `the note in ${file}`).toBe(false);
  }

  expect(outside, 'page requests beyond 127.0.0.1').toEqual([]);
  const entries = readFileSync(NET_LOG, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { pid: number; what: string; detail: string });
  // The guard ran in the host and in its engine process, and saw nothing leave the machine.
  const loaded = entries.filter((e) => e.what === 'loaded');
  expect(loaded.some((e) => e.detail.includes('src/host/main.ts'))).toBe(true);
  expect(loaded.some((e) => e.detail.includes('src/engine/process/entry.ts'))).toBe(true);
  expect(
    entries.filter((e) => e.what !== 'loaded'),
    'host or engine network use beyond loopback',
  ).toEqual([]);
});
