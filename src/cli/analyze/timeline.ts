/**
 * One time-ordered stream of media events from the video, audio and text inputs, each looping with its
 * own period until the run's end, streamed so that a 20-minute run holds one pending event per input.
 */

export interface FrameImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major. */
  data: Uint8Array;
}

/** One media event; `t` is media time in ms from the start of the run. */
export type TimelineEvent =
  | { kind: 'frame'; t: number; image: FrameImage }
  | { kind: 'audio'; t: number; pcm: Float32Array }
  | { kind: 'text'; t: number; text: string };

export interface TimelineInput {
  /**
   * Opens one pass over the input: events with `t` relative to the pass start, in non-decreasing order and
   * before the pass's length.
   * Its return value is the pass's length in ms (the next pass starts that much later).
   */
  open(): AsyncGenerator<TimelineEvent, number>;
}

export interface TimelineSources {
  /** Defines the run's length when `untilMs` is not given. */
  video?: TimelineInput;
  /** Audio, text: each loops with its own period. */
  others?: TimelineInput[];
  /** Media time the run covers, ms. Default: the video's length once (the longest input's without video). */
  untilMs?: number;
}

export interface TimelineEnd {
  /** Media time covered, ms. */
  endMs: number;
  /** Passes begun per input, video first then `others` in order. */
  passes: number[];
}

/** Loops one input, shifting each pass by the lengths of the passes before it. */
class Looper {
  head: TimelineEvent | null = null;
  passes = 0;
  private offset = 0;
  private current: AsyncGenerator<TimelineEvent, number> | null = null;
  private yieldedThisPass = 0;
  private done = false;

  constructor(
    private readonly input: TimelineInput,
    private readonly loop: boolean,
    /** The run's end in ms, Infinity while not yet known. */
    private readonly limit: () => number,
    /** Told each pass's length, ms. */
    private readonly onPassEnd: (length: number) => void,
  ) {}

  /** Moves `head` to the next event, or null when this input has nothing more before the end. */
  async advance(): Promise<void> {
    this.head = null;
    while (!this.done) {
      if (this.current === null) {
        this.current = this.input.open();
        this.passes++;
        this.yieldedThisPass = 0;
      }
      const next = await this.current.next();
      if (next.done === true) {
        this.current = null;
        this.onPassEnd(next.value);
        // An empty or zero-length pass would loop forever without moving time on.
        if (!this.loop || this.yieldedThisPass === 0 || !(next.value > 0)) this.done = true;
        this.offset += next.value;
        if (this.offset >= this.limit()) this.done = true;
        continue;
      }
      this.yieldedThisPass++;
      const event = { ...next.value, t: next.value.t + this.offset };
      if (event.t >= this.limit()) break;
      this.head = event;
      return;
    }
    await this.close();
  }

  async close(): Promise<void> {
    this.done = true;
    const current = this.current;
    this.current = null;
    await current?.return(0);
  }
}

/** Merges the inputs into one stream ordered by `t` (ties: video, then `others` in order). */
export async function* mergeTimeline(sources: TimelineSources): AsyncGenerator<TimelineEvent, TimelineEnd> {
  const { video, others = [], untilMs } = sources;
  let end = untilMs ?? Infinity;
  let longest = 0;
  const loopers: Looper[] = [];
  if (video) {
    loopers.push(
      new Looper(
        video,
        untilMs !== undefined,
        () => end,
        (length) => {
          if (untilMs === undefined) end = length;
        },
      ),
    );
  }
  for (const input of others) {
    // Without video and without `untilMs`, each input plays once and the longest one sets the end.
    const loop = untilMs !== undefined || video !== undefined;
    loopers.push(
      new Looper(
        input,
        loop,
        () => end,
        (length) => (longest = Math.max(longest, length)),
      ),
    );
  }
  try {
    await Promise.all(loopers.map((l) => l.advance()));
    for (;;) {
      let first: Looper | null = null;
      for (const l of loopers) if (l.head && (!first?.head || l.head.t < first.head.t)) first = l;
      const event = first?.head;
      if (!first || !event) break;
      // The end may have become known (the video's single pass ended) after this event was read.
      if (event.t >= end) {
        await first.close();
        first.head = null;
        continue;
      }
      yield event;
      await first.advance();
    }
  } finally {
    await Promise.all(loopers.map((l) => l.close()));
  }
  if (end === Infinity) end = longest;
  return { endMs: end, passes: loopers.map((l) => l.passes) };
}
