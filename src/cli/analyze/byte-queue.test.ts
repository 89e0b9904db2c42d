import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue';
import { chunked } from './test-clips';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');

describe('ByteQueue', () => {
  it('reads lines and exact byte counts across chunk edges', async () => {
    const q = new ByteQueue(chunked(bytes('ab\ncdefgh\nXYZ'), 2));
    expect(await q.line(10)).toBe('ab');
    expect([...(await q.read(3))]).toEqual([...bytes('cde')]);
    expect(await q.skip(2)).toBe(2);
    expect(await q.line(10)).toBe('h');
    expect(await q.line(10)).toEqual({ overflow: 'XYZ' });
    expect(await q.line(10)).toBeNull();
    expect((await q.read(4)).length).toBe(0);
  });

  it('stops looking for a newline after `max` bytes', async () => {
    const q = new ByteQueue(chunked(bytes('abcdefgh\n'), 3));
    expect(await q.line(4)).toEqual({ overflow: 'abcd' });
  });

  it('closes the source when closed early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        await Promise.resolve();
        yield bytes('a\n');
        yield bytes('b\n');
      } finally {
        closed = true;
      }
    }
    const q = new ByteQueue(source());
    expect(await q.line(4)).toBe('a');
    await q.close();
    expect(closed).toBe(true);
  });
});
