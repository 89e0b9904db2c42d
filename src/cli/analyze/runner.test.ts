import { describe, expect, it } from 'vitest';
import { encodeWav, sine } from '../../engine/voice/test-signals';
import { fakeTarget } from './fake-target';
import { runAnalyze, runTimeline } from './runner';
import { solidI420, tempDir, writeTemp, y4mBytes } from './test-clips';
import type { TimelineEnd, TimelineEvent } from './timeline';

const grey = (level: number) => ({ width: 2, height: 2, data: new Uint8Array(16).fill(level) });

async function* events(list: TimelineEvent[], end: TimelineEnd): AsyncGenerator<TimelineEvent, TimelineEnd> {
  for (const e of list) {
    await Promise.resolve();
    yield e;
  }
  return end;
}

describe('runTimeline', () => {
  it('delivers events in order, ticking after each and once per whole media second', async () => {
    const target = fakeTarget();
    const result = await runTimeline(
      events(
        [
          { kind: 'frame', t: 0, image: grey(10) },
          { kind: 'audio', t: 500, pcm: new Float32Array(1600) },
          { kind: 'frame', t: 1000, image: grey(200) },
          { kind: 'text', t: 1500, text: 'hi' },
        ],
        { endMs: 2000, passes: [1, 1, 1] },
      ),
      target,
      { prompts: false },
    );
    expect(target.calls).toEqual([
      ['frame', 0],
      ['tick', 0],
      ['audio', 500],
      ['tick', 500],
      ['frame', 1000],
      ['tick', 1000],
      ['tick', 1000], // the 1 Hz point for second 1 comes after every event at t ≤ 1000
      ['text', 1500],
      ['tick', 1500],
      ['tick', 2000],
    ]);
    expect(result.timeline.map((p) => [p.t, p.label])).toEqual([
      [1, 'happy'],
      [2, 'happy'],
    ]);
    expect(result.timeline[0]).toMatchObject({
      valence: 0.8,
      confidence: 0.9,
      modalities: { face: 1, voice: 0, text: 0 },
    });
    expect(result.summary).toMatchObject({
      byLabel: { happy: 1 },
      unknownShare: 0,
      mediaSeconds: 2,
      framesAnalysed: 2,
      audioSeconds: 0.1,
      textMessages: 1,
      passes: { video: 1, audio: 1, text: 1 },
      prompts: 0,
    });
  });

  it('reports prompts, at media seconds, only when prompts are on', async () => {
    const list: TimelineEvent[] = [0, 1000, 2000, 3000].map((t) => ({ kind: 'frame', t, image: grey(10) }));
    const on = await runTimeline(events(list, { endMs: 4000, passes: [1] }), fakeTarget({ promptAfterMs: 2000 }), {
      prompts: true,
    });
    expect(on.prompts.map((p) => [p.t, p.reason, p.evidence.to])).toEqual([
      [2, 'sad', 2000],
      [4, 'sad', 4000],
    ]);
    expect(on.summary.prompts).toBe(2);
    const off = await runTimeline(events(list, { endMs: 4000, passes: [1] }), fakeTarget({ promptAfterMs: 2000 }), {
      prompts: false,
    });
    expect(off.prompts).toEqual([]);
  });

  it('reports progress in media ms and measures wall time with the given clock', async () => {
    const seen: [number, number | null][] = [];
    let now = 0;
    const result = await runTimeline(
      events(
        [
          { kind: 'frame', t: 0, image: grey(10) },
          { kind: 'frame', t: 500, image: grey(10) },
        ],
        { endMs: 1000, passes: [1] },
      ),
      fakeTarget(),
      { prompts: false, totalMs: 1000, onProgress: (d, t) => seen.push([d, t]), now: () => (now += 250) },
    );
    expect(seen).toEqual([
      [0, 1000],
      [500, 1000],
      [1000, 1000],
    ]);
    expect(result.summary).toMatchObject({ wallSeconds: 0.25, speed: 4 });
  });
});

describe('runAnalyze', () => {
  const dir = tempDir();
  // 2 s at 10 fps: a dark second, then a bright one.
  const dark = solidI420(8, 8, 30);
  const bright = solidI420(8, 8, 200);
  const video = writeTemp(
    dir,
    'clip.y4m',
    y4mBytes('W8 H8 F10:1', [...Array<Uint8Array>(10).fill(dark), ...Array<Uint8Array>(10).fill(bright)]),
  );

  it('plays the video once at 2 fps by default', async () => {
    const target = fakeTarget();
    const result = await runAnalyze({ video }, target);
    expect(target.calls.filter(([k]) => k === 'frame')).toEqual([
      ['frame', 0],
      ['frame', 500],
      ['frame', 1000],
      ['frame', 1500],
    ]);
    expect(result.timeline.map((p) => [p.t, p.label])).toEqual([
      [1, 'happy'],
      [2, 'happy'],
    ]);
    expect(result.summary).toMatchObject({
      mediaSeconds: 2,
      framesAnalysed: 4,
      passes: { video: 1, audio: 0, text: 0 },
    });
  });

  it('loops to 20 minutes of media time with a 1 Hz timeline, audio and text looping on their own', async () => {
    const audio = writeTemp(dir, 'a.wav', encodeWav([sine(220, 0.3, 8000)], 8000));
    const text = writeTemp(dir, 't.jsonl', '{"t": 0.2, "text": "meh"}\n{"t": 1.5, "text": "ok"}\n');
    const target = fakeTarget({ promptAfterMs: 600_000 });
    const result = await runAnalyze({ video, audio, text, loopForMs: 20 * 60_000, prompts: true }, target);
    expect(result.timeline).toHaveLength(1200);
    expect(result.timeline.map((p) => p.t)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    // Odd seconds follow a pass's first bright frame, even ones its first dark frame, except the last
    // (1200 s): the pass starting there lies past the end, so the mood is still happy. 601 / 1200 = 0.5008.
    expect(result.summary.byLabel).toEqual({ happy: 0.5008, sad: 0.4992 });
    // The fake's sadness never lasts 10 minutes here: it breaks every second.
    expect(result.prompts).toEqual([]);
    expect(result.summary).toMatchObject({
      mediaSeconds: 1200,
      framesAnalysed: 2400,
      textMessages: 2 * (1_200_000 / 2500),
      passes: { video: 600, audio: 4000, text: 480 },
    });
    expect(result.summary.audioSeconds).toBeCloseTo(1200, 6);
    const times = target.calls.map(([, t]) => t);
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
  });

  it('passes prompts through from a sad clip looped for 20 minutes', async () => {
    const sad = writeTemp(dir, 'sad.y4m', y4mBytes('W8 H8 F10:1', Array<Uint8Array>(10).fill(dark)));
    const result = await runAnalyze({ video: sad, loopForMs: 20 * 60_000, prompts: true }, fakeTarget());
    expect(result.prompts.map((p) => p.t)).toEqual([600, 1200]);
    expect(result.summary.byLabel).toEqual({ sad: 1 });
  });
});
