/** Builds small y4m clips for tests, byte by byte, so every test knows exactly what the reader must see. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** One I420 frame filled with a single Y, U, V. */
export function solidI420(width: number, height: number, y: number, u = 128, v = 128): Uint8Array {
  const ySize = width * height;
  const c = Math.ceil(width / 2) * Math.ceil(height / 2);
  const out = new Uint8Array(ySize + 2 * c);
  out.fill(y, 0, ySize);
  out.fill(u, ySize, ySize + c);
  out.fill(v, ySize + c);
  return out;
}

/** A y4m stream: `header` tags after the magic, then each frame after a `FRAME` line. */
export function y4mBytes(header: string, frames: readonly Uint8Array[], frameTag = 'FRAME'): Uint8Array {
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 ${header}\n`)];
  for (const f of frames) parts.push(Buffer.from(`${frameTag}\n`), f);
  return Buffer.concat(parts);
}

/** Splits bytes into chunks of `size`, as a stream would deliver them. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

let base: string | null = null;

// Test files import this module while vitest collects them, so this hook runs after each file's tests.
afterAll(() => {
  if (base !== null) rmSync(base, { recursive: true, force: true });
  base = null;
});

/** A fresh temporary directory, removed after the importing test file has run. */
export function tempDir(): string {
  base ??= mkdtempSync(join(tmpdir(), 'attune-analyze-'));
  return mkdtempSync(join(base, 'case-'));
}

/** Writes `bytes` to `name` in `dir` and returns its path. */
export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Drains a generator, returning what it yielded and what it returned. */
export async function drain<T, R>(gen: AsyncGenerator<T, R>): Promise<{ items: T[]; result: R }> {
  const items: T[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done === true) return { items, result: next.value };
    items.push(next.value);
  }
}
