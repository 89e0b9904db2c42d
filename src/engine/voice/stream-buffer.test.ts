import { describe, expect, it } from 'vitest';
import { StreamBuffer } from './stream-buffer';

const range = (a: number, b: number) => Float32Array.from({ length: b - a }, (_, i) => a + i);

describe('StreamBuffer', () => {
  it('keeps the newest samples addressed by absolute index', () => {
    const b = new StreamBuffer(10);
    b.append(range(0, 6));
    b.append(range(6, 13));
    expect(b.end).toBe(13);
    expect(Array.from(b.slice(3, 8))).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(b.slice(0, 5))).toEqual([3, 4]); // 0–2 have fallen off
    expect(b.slice(20, 30).length).toBe(0);
  });

  it('takes a chunk larger than its capacity and clears', () => {
    const b = new StreamBuffer(4);
    b.append(range(0, 10));
    expect(Array.from(b.slice(0, 10))).toEqual([6, 7, 8, 9]);
    b.clear();
    expect(b.end).toBe(0);
    b.append(range(0, 2));
    expect(Array.from(b.slice(0, 2))).toEqual([0, 1]);
  });
});
