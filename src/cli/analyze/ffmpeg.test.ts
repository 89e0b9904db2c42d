import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ffmpegArgs, findFfmpeg, readWithFfmpeg } from './ffmpeg';
import { drain, tempDir, writeTemp } from './test-clips';

describe('findFfmpeg', () => {
  it('finds an executable named ffmpeg on the given PATH, and nothing on an empty one', () => {
    const dir = tempDir();
    const fake = writeTemp(dir, 'ffmpeg', '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findFfmpeg(`/nonexistent:${dir}`)).toBe(fake);
    expect(findFfmpeg('')).toBeNull();
  });
});

describe('ffmpegArgs', () => {
  it('asks for y4m at the analysis rate, and gives raw MJPEG the 30 fps Chromium plays it at', () => {
    expect(ffmpegArgs('a.mp4', 2)).toEqual(
      '-nostdin -loglevel error -i a.mp4 -an -sn -vf fps=2:round=up -pix_fmt yuv420p -f yuv4mpegpipe pipe:1'.split(' '),
    );
    expect(ffmpegArgs('b.MJPEG', 5).slice(3, 7)).toEqual(['-framerate', '30', '-i', 'b.MJPEG']);
  });
});

describe('readWithFfmpeg', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('says ffmpeg is needed when it is not on the PATH', async () => {
    vi.stubEnv('PATH', '');
    await expect(drain(readWithFfmpeg('clip.mp4', 2))).rejects.toThrow(
      expect.objectContaining({
        kind: 'bad-input',
        message: 'reading .mp4 needs ffmpeg on the PATH; .y4m is read natively',
      }),
    );
  });
});

// These run the real ffmpeg. CI installs it (.ci/run); a machine without it must fail here, not skip.
describe('readWithFfmpeg with the real ffmpeg', () => {
  let ffmpeg = '';
  let dir = '';
  beforeAll(() => {
    const found = findFfmpeg();
    if (found === null)
      throw new Error('ffmpeg is not on the PATH: install it (apt-get install ffmpeg) to run these tests');
    ffmpeg = found;
    dir = tempDir();
  });

  const make = (name: string, ...args: string[]): string => {
    const out = `${dir}/${name}`;
    execFileSync(ffmpeg, ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', ...args, out]);
    return out;
  };

  it('decodes an MPEG-4 clip to y4m frames at the asked rate', async () => {
    const clip = make('clip.mp4', '-i', 'testsrc=size=64x48:rate=10', '-t', '1', '-c:v', 'mpeg4');
    const { items, result } = await drain(readWithFfmpeg(clip, 2));
    expect(items.map((f) => f.t)).toEqual([0, 500]);
    expect(result).toMatchObject({
      frames: 2,
      durationMs: 1000,
      header: { width: 64, height: 48, fpsNum: 2, fpsDen: 1 },
    });
    const image = items[0]?.rgba();
    expect(image?.data.length).toBe(64 * 48 * 4);
    // testsrc's frame is colourful: the picture is not one flat grey.
    expect(new Set(image?.data).size).toBeGreaterThan(10);
  });

  it('reads raw MJPEG at 30 fps: 30 frames last one second', async () => {
    const clip = make(
      'clip.mjpeg',
      '-i',
      'testsrc=size=64x48:rate=30',
      '-frames:v',
      '30',
      '-c:v',
      'mjpeg',
      '-f',
      'mjpeg',
    );
    const { result } = await drain(readWithFfmpeg(clip, 2));
    expect(result).toMatchObject({ frames: 2, durationMs: 1000 });
  });

  it('passes on ffmpeg’s own words for a file it cannot read', async () => {
    const junk = writeTemp(dir, 'junk.mp4', 'this is not a video');
    await expect(drain(readWithFfmpeg(junk, 2))).rejects.toThrow(
      expect.objectContaining({
        kind: 'bad-input',
        message: expect.stringMatching(/^ffmpeg could not read .*junk\.mp4: .+/) as unknown,
      }),
    );
  });

  it('stops ffmpeg when the reader stops early', async () => {
    const clip = make('long.mp4', '-i', 'testsrc=size=64x48:rate=10', '-t', '20', '-c:v', 'mpeg4');
    const frames = readWithFfmpeg(clip, 10);
    expect((await frames.next()).done).toBe(false);
    const end = await frames.return({
      header: { width: 0, height: 0, fpsNum: 1, fpsDen: 1, colourspace: '', layout: '420', frameBytes: 0 },
      frames: 0,
      durationMs: 0,
    });
    expect(end.done).toBe(true);
    // pgrep exits 1 when no child of this process is called ffmpeg any more.
    expect(() => execFileSync('pgrep', ['-P', String(process.pid), 'ffmpeg'])).toThrow(
      expect.objectContaining({ status: 1 }),
    );
  });
});
