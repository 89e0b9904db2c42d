import { describe, expect, it } from 'vitest';
import { drain } from './test-clips';
import { type TimelineEvent, type TimelineInput, mergeTimeline } from './timeline';

/** An input of text events at `times` (ms) whose passes last `length` ms; counts opens and closes. */
function input(name: string, times: number[], length: number): TimelineInput & { opened: number; closed: number } {
  const state = {
    opened: 0,
    closed: 0,
    async *open(): AsyncGenerator<TimelineEvent, number> {
      state.opened++;
      try {
        for (const t of times) {
          await Promise.resolve();
          yield { kind: 'text', t, text: name };
        }
        return length;
      } finally {
        state.closed++;
      }
    },
  };
  return state;
}

const show = (events: TimelineEvent[]): string[] => events.map((e) => `${e.t}:${e.kind === 'text' ? e.text : e.kind}`);

describe('mergeTimeline', () => {
  it('orders events by time, ties going to the video, and ends after the video once by default', async () => {
    const { items, result } = await drain(
      mergeTimeline({ video: input('v', [0, 500, 1000], 1500), others: [input('a', [0, 300], 400)] }),
    );
    // The audio input (period 400 ms) loops: passes start at 0, 400, 800, 1200; its 1500+ events fall past the end.
    expect(show(items)).toEqual([
      '0:v',
      '0:a',
      '300:a',
      '400:a',
      '500:v',
      '700:a',
      '800:a',
      '1000:v',
      '1100:a',
      '1200:a',
    ]);
    expect(result).toEqual({ endMs: 1500, passes: [1, 4] });
  });

  it('loops every input with its own period until untilMs', async () => {
    const video = input('v', [0, 500], 1000);
    const text = input('t', [100], 700);
    const { items, result } = await drain(mergeTimeline({ video, others: [text], untilMs: 2500 }));
    expect(show(items)).toEqual(['0:v', '100:t', '500:v', '800:t', '1000:v', '1500:v', '1500:t', '2000:v', '2200:t']);
    expect(result).toEqual({ endMs: 2500, passes: [3, 4] });
    expect(video.closed).toBe(video.opened);
    expect(text.closed).toBe(text.opened);
  });

  it('plays each input once without video and without untilMs, ending with the longest', async () => {
    const { items, result } = await drain(
      mergeTimeline({ others: [input('a', [0, 100], 200), input('t', [50], 3000)] }),
    );
    expect(show(items)).toEqual(['0:a', '50:t', '100:a']);
    expect(result).toEqual({ endMs: 3000, passes: [1, 1] });
  });

  it('does not loop forever over an empty or zero-length input', async () => {
    const { items, result } = await drain(
      mergeTimeline({ video: input('v', [0], 1000), others: [input('e', [], 0), input('z', [0], 0)], untilMs: 3000 }),
    );
    expect(show(items)).toEqual(['0:v', '0:z', '1000:v', '2000:v']);
    expect(result.passes).toEqual([3, 1, 1]);
  });

  it('closes every open input when the consumer stops early', async () => {
    const video = input('v', [0, 500, 1000], 1500);
    const audio = input('a', [0, 100], 200);
    const merged = mergeTimeline({ video, others: [audio], untilMs: 60_000 });
    await merged.next();
    await merged.next();
    await merged.return({ endMs: 0, passes: [] });
    expect(video.closed).toBe(video.opened);
    expect(audio.closed).toBe(audio.opened);
  });
});
