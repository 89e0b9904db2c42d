/**
 * Pulls bytes from a chunked stream (a file read stream, a child's stdout) on demand, so a reader can ask for
 * "one line" or "exactly n bytes" without ever holding more than the chunks it has not consumed yet.
 */
export class ByteQueue {
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  private readonly source: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** Bytes read so far but not yet consumed. */
  get available(): number {
    return this.buffered;
  }

  /** Reads until at least `n` bytes are buffered or the stream ends; true when `n` are there. */
  async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.ended) {
      const next = await this.source.next();
      if (next.done === true) this.ended = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    return this.buffered >= n;
  }

  /**
   * Consumes one line (without its '\n') as Latin-1 text. Null at the end of the stream when nothing is left;
   * a line longer than `max` bytes, or cut off by the end of the stream, is returned as `{ overflow }`.
   */
  async line(max: number): Promise<string | null | { overflow: string }> {
    let scanned = 0;
    for (;;) {
      const at = this.indexOfNewline(scanned, max + 1);
      if (at >= 0) {
        const text = latin1(this.take(at + 1).subarray(0, at));
        return text;
      }
      scanned = this.buffered;
      if (scanned > max || !(await this.fill(scanned + 1))) {
        if (this.buffered === 0) return null;
        return { overflow: latin1(this.take(Math.min(this.buffered, max))) };
      }
    }
  }

  /** Consumes up to `n` bytes into a new array (shorter only at the end of the stream). */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.buffered));
  }

  /** Discards up to `n` bytes without copying them; returns how many were discarded. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) break;
      const head = this.chunks[0];
      if (!head) break;
      const k = Math.min(left, head.length);
      this.drop(k);
      left -= k;
    }
    return n - left;
  }

  /** Stops the underlying stream (closes the file, lets a child process see EPIPE). */
  async close(): Promise<void> {
    this.chunks.length = 0;
    this.buffered = 0;
    if (!this.ended) {
      this.ended = true;
      await this.source.return?.();
    }
  }

  private indexOfNewline(from: number, limit: number): number {
    let base = 0;
    for (const chunk of this.chunks) {
      const start = Math.max(0, from - base);
      if (start < chunk.length) {
        const i = chunk.indexOf(0x0a, start);
        if (i >= 0 && base + i < limit) return base + i;
        if (i >= 0) return -1;
      }
      base += chunk.length;
      if (base >= limit) return -1;
    }
    return -1;
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0];
      if (!head) break;
      const k = Math.min(n - filled, head.length);
      out.set(head.subarray(0, k), filled);
      filled += k;
      this.drop(k);
    }
    return out;
  }

  private drop(k: number): void {
    const head = this.chunks[0];
    if (!head) return;
    if (k >= head.length) this.chunks.shift();
    else this.chunks[0] = head.subarray(k);
    this.buffered -= k;
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
