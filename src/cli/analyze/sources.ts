/** The files behind `analyze`'s inputs, as {@link TimelineInput}s that can be replayed pass after pass. */
import { extname } from 'node:path';
import type { AudioClip } from './audio-input';
import { readWithFfmpeg } from './ffmpeg';
import { sampleEvery } from './frame-sampler';
import type { TextLine } from './text-input';
import type { TimelineEvent, TimelineInput } from './timeline';
import { type Y4mFrame, type Y4mSummary, readY4mFile } from './y4m-reader';
import { type YuvFrame, yuvToRgba } from './yuv';

const isY4m = (path: string): boolean => extname(path).toLowerCase() === '.y4m';

/** The frames of a video file: `.y4m` natively (keeping what `keep` asks for), anything else through ffmpeg at fps. */
export function videoFrames(
  path: string,
  fps: number,
  keep: (index: number, t: number) => boolean = sampleEvery(fps),
): AsyncGenerator<Y4mFrame, Y4mSummary> {
  return isY4m(path) ? readY4mFile(path, { keep }) : readWithFfmpeg(path, fps);
}

/**
 * Most YUV bytes kept to replay a looped video from memory (128 MiB: about 280 frames of 640×480, over two
 * minutes at 2 fps). A longer clip is decoded again on every pass instead, so memory stays bounded.
 */
export const VIDEO_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * Frames of a video file at `fps` per second of media time, converted to RGBA only when kept. `.y4m` is read
 * natively; anything else goes through ffmpeg. The kept frames of the first pass are remembered (up to
 * `cacheBytes`), so a looped clip is decoded once; each pass still gets fresh RGBA buffers.
 */
export function videoInput(path: string, fps: number, cacheBytes = VIDEO_CACHE_BYTES): TimelineInput {
  const y4m = isY4m(path);
  let cache: { frames: { t: number; yuv: YuvFrame }[]; durationMs: number } | null = null;
  return {
    async *open(): AsyncGenerator<TimelineEvent, number> {
      if (cache) return yield* replay(cache.frames, cache.durationMs);
      const keep = sampleEvery(fps);
      const source = videoFrames(path, fps, keep);
      let kept: { t: number; yuv: YuvFrame }[] | null = [];
      let bytes = 0;
      for (;;) {
        const next = await source.next();
        if (next.done === true) {
          if (kept) cache = { frames: kept, durationMs: next.value.durationMs };
          return next.value.durationMs;
        }
        const frame = next.value;
        // ffmpeg already resampled to fps; the sampler still guards against a decoder that emits extra frames.
        if (!y4m && !keep(frame.index, frame.t)) continue;
        bytes += frame.yuv.planes.length;
        if (kept && bytes <= cacheBytes) kept.push({ t: frame.t, yuv: frame.yuv });
        else kept = null;
        yield { kind: 'frame', t: frame.t, image: frame.rgba() };
      }
    },
  };
}

// eslint-disable-next-line @typescript-eslint/require-await -- an async generator by contract
async function* replay(
  frames: readonly { t: number; yuv: YuvFrame }[],
  durationMs: number,
): AsyncGenerator<TimelineEvent, number> {
  for (const { t, yuv } of frames) {
    yield { kind: 'frame', t, image: { width: yuv.width, height: yuv.height, data: yuvToRgba(yuv) } };
  }
  return durationMs;
}

/** 100 ms audio chunks; a pass lasts as long as the clip. */
export function audioInput(clip: AudioClip): TimelineInput {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- an async generator by contract
    async *open(): AsyncGenerator<TimelineEvent, number> {
      for (const chunk of clip.chunks) yield { kind: 'audio', t: chunk.t, pcm: chunk.pcm };
      return clip.durationMs;
    },
  };
}

/** Gap after the last message before a text file's next pass, ms: a text file has no length of its own. */
export const TEXT_LOOP_GAP_MS = 1000;

/** Typed messages; a pass lasts until the last message plus {@link TEXT_LOOP_GAP_MS}. */
export function textInput(lines: readonly TextLine[]): TimelineInput {
  const last = lines.at(-1)?.t ?? 0;
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- an async generator by contract
    async *open(): AsyncGenerator<TimelineEvent, number> {
      for (const line of lines) yield { kind: 'text', t: line.t, text: line.text };
      return lines.length === 0 ? 0 : last + TEXT_LOOP_GAP_MS;
    },
  };
}
