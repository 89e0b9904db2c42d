import { describe, expect, it, vi } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './args';
import { runAnalyzeCommand } from './command';
import { fakeTarget } from './fake-target';
import type { AnalyzeResult } from './result';
import { solidI420, tempDir, writeTemp, y4mBytes } from './test-clips';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

const dir = tempDir();
const sadClip = writeTemp(dir, 'sad.y4m', y4mBytes('W8 H8 F10:1', Array<Uint8Array>(10).fill(solidI420(8, 8, 30))));

describe('parseAnalyzeArgs', () => {
  it('reads every option with its default', () => {
    expect(parseAnalyzeArgs(['--video', 'v.y4m'])).toEqual({
      help: false,
      json: false,
      options: { video: 'v.y4m', audio: undefined, text: undefined, loopForMs: undefined, fps: 2, prompts: false },
    });
    const all = [
      '--video',
      'v.mp4',
      '--audio',
      'a.wav',
      '--text',
      't.jsonl',
      '--loop-for',
      '20m',
      '--fps',
      '5',
      '--prompts',
      '--json',
    ];
    expect(parseAnalyzeArgs(all)).toEqual({
      help: false,
      json: true,
      options: { video: 'v.mp4', audio: 'a.wav', text: 't.jsonl', loopForMs: 1_200_000, fps: 5, prompts: true },
    });
    expect(parseAnalyzeArgs(['-h'])).toEqual({ help: true });
  });

  it('explains each mistake', () => {
    const bad = (argv: string[], message: RegExp) =>
      expect(() => parseAnalyzeArgs(argv), argv.join(' ')).toThrow(
        expect.objectContaining({ kind: 'bad-input', message: expect.stringMatching(message) as unknown }),
      );
    bad([], /--video <file> is required/);
    bad(['--video', 'v.y4m', '--loop-for', 'soon'], /cannot read "soon" as a duration/);
    bad(['--video', 'v.y4m', '--loop-for', '0s'], /--loop-for must be longer than 0/);
    bad(['--video', 'v.y4m', '--fps', '0'], /--fps must be a number above 0 and at most 60, got 0/);
    bad(['--video', 'v.y4m', '--fps', 'x'], /got x/);
    bad(['--video', 'v.y4m', '--colour'], /Unknown option '--colour'/);
    bad(['--video', 'v.y4m', 'extra'], /extra/);
  });
});

describe('runAnalyzeCommand', () => {
  it('prints only one JSON object on stdout with --json, and closes the target', async () => {
    const { out, io } = capture();
    const target = fakeTarget();
    const code = await runAnalyzeCommand(['--video', sadClip, '--loop-for', '20m', '--prompts', '--json'], io, () =>
      Promise.resolve(target),
    );
    expect(code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out.stdout) as AnalyzeResult;
    expect(result.timeline).toHaveLength(1200);
    expect(result.prompts.map((p) => [p.t, p.reason])).toEqual([
      [600, 'sad'],
      [1200, 'sad'],
    ]);
    expect(result.summary).toMatchObject({ byLabel: { sad: 1 }, unknownShare: 0, mediaSeconds: 1200 });
    expect(out.stderr).toBe('');
    expect(target.closed).toBe(true);
  });

  it('prints a readable summary with each prompt and its evidence in words', async () => {
    const { out, io } = capture();
    const code = await runAnalyzeCommand(['--video', sadClip, '--loop-for', '11m', '--prompts'], io, () =>
      Promise.resolve(fakeTarget()),
    );
    expect(code).toBe(0);
    expect(out.stdout).toMatch(
      /^analyzed 11:00 of media in .* s \(.*× real time\): 1320 frames, 0\.0 s of audio, 0 messages\n/,
    );
    expect(out.stdout).toContain('\n  sad        100%  ########################################\n');
    expect(out.stdout).toContain(
      '\nprompts: 1\n  10:00 sad: sad for 100% of 10 min of confident time in a 10 min window (needs 60% of at least 5 min, confidence ≥ 0.5); face 100%, voice 0%, text 0%\n',
    );
  });

  it('says prompts are off without --prompts', async () => {
    const { out, io } = capture();
    await runAnalyzeCommand(['--video', sadClip], io, () => Promise.resolve(fakeTarget()));
    expect(out.stdout).toContain('prompts: off (add --prompts to let the engine raise them)');
  });

  it('draws progress on a terminal stderr for runs over a second, and keeps stdout clean', async () => {
    const { out, io } = capture();
    let now = 0;
    await runAnalyzeCommand(
      ['--video', sadClip, '--loop-for', '30s', '--json'],
      { ...io, stderrIsTTY: true, now: () => (now += 100) },
      () => Promise.resolve(fakeTarget()),
    );
    expect(out.stderr).toMatch(/\ranalyze \[#+-*\] \d+\/30 \d+%/);
    expect(out.stderr).toMatch(/analyze \[#{24}\] 30\/30 100% 0:00 left\n$/);
    expect(() => JSON.parse(out.stdout) as unknown).not.toThrow();
  });

  it('answers bad usage with the usage text and exit 2', async () => {
    const { out, io } = capture();
    const make = vi.fn(() => Promise.resolve(fakeTarget()));
    expect(await runAnalyzeCommand(['--fps', '3'], io, make)).toBe(2);
    expect(out.stderr).toBe(`attune analyze: --video <file> is required\n${ANALYZE_USAGE}\n`);
    expect(make).not.toHaveBeenCalled();
    const help = capture();
    expect(await runAnalyzeCommand(['--help'], help.io, make)).toBe(0);
    expect(help.out.stdout).toBe(`${ANALYZE_USAGE}\n`);
  });

  it('fails with exit 1 before loading the engine when an input is missing or broken', async () => {
    const { out, io } = capture();
    const make = vi.fn(() => Promise.resolve(fakeTarget()));
    expect(await runAnalyzeCommand(['--video', `${dir}/nope.y4m`], io, make)).toBe(1);
    expect(out.stderr).toBe(`attune analyze: bad-input: --video ${dir}/nope.y4m: no such readable file\n`);
    expect(make).not.toHaveBeenCalled();

    const broken = capture();
    const text = writeTemp(dir, 'bad.jsonl', '{"t": 1}\n');
    expect(await runAnalyzeCommand(['--video', sadClip, '--text', text], broken.io, make)).toBe(1);
    expect(broken.out.stderr).toBe(`attune analyze: bad-input: ${text} line 1: text must be a string\n`);
    expect(broken.out.stdout).toBe('');
    const notVideo = capture();
    const fake = writeTemp(dir, 'fake.y4m', 'GIF89a');
    expect(await runAnalyzeCommand(['--video', fake], notVideo.io, make)).toBe(1);
    expect(notVideo.out.stderr).toBe('attune analyze: bad-input: not a y4m file\n');
    expect(make).not.toHaveBeenCalled();
  });

  it('closes the target when the run fails', async () => {
    const { out, io } = capture();
    const target = fakeTarget();
    target.frame = () => Promise.reject(new AttuneError('bad-input', 'frame refused'));
    expect(await runAnalyzeCommand(['--video', sadClip], io, () => Promise.resolve(target))).toBe(1);
    expect(out.stderr).toBe('attune analyze: bad-input: frame refused\n');
    expect(target.closed).toBe(true);
  });
});
