/**
 * The most recent samples of a stream, addressed by absolute sample index since the stream began, so a
 * segment found by the VAD (in stream time) can be cut out after the fact. Older samples fall off the front.
 */
export class StreamBuffer {
  private data: Float32Array;
  private length = 0;
  /** Absolute index of data[0]. */
  private first = 0;

  /** `capacity`: samples kept, at least the longest segment plus the silence that ends it. */
  constructor(private readonly capacity: number) {
    this.data = new Float32Array(capacity);
  }

  /** Absolute index one past the newest sample. */
  get end(): number {
    return this.first + this.length;
  }

  append(samples: Float32Array): void {
    if (samples.length >= this.capacity) {
      this.data.set(samples.subarray(samples.length - this.capacity));
      this.first += this.length + samples.length - this.capacity;
      this.length = this.capacity;
      return;
    }
    const overflow = this.length + samples.length - this.capacity;
    if (overflow > 0) {
      this.data.copyWithin(0, overflow, this.length);
      this.first += overflow;
      this.length -= overflow;
    }
    this.data.set(samples, this.length);
    this.length += samples.length;
  }

  /** Copy of absolute samples [from, to), clipped to what is still held (possibly empty). */
  slice(from: number, to: number): Float32Array {
    const a = Math.max(from, this.first) - this.first;
    const b = Math.min(to, this.end) - this.first;
    return b > a ? this.data.slice(a, b) : new Float32Array(0);
  }

  clear(): void {
    this.length = 0;
    this.first = 0;
  }
}
