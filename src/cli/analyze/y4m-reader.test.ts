import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { chunked, drain, solidI420, tempDir, writeTemp, y4mBytes } from './test-clips';
import { parseY4mHeader, readY4m, readY4mFile, y4mLengthMs } from './y4m-reader';

const badInput = (message: RegExp): unknown =>
  expect.objectContaining({
    name: 'AttuneError',
    kind: 'bad-input',
    message: expect.stringMatching(message) as unknown,
  });

describe('parseY4mHeader', () => {
  it('reads size, frame-rate ratio and colourspace, ignoring I, A and X', () => {
    expect(parseY4mHeader('YUV4MPEG2 W640 H480 F30000:1001 Ip A1:1 C420mpeg2 XYSCSS=420MPEG2')).toEqual({
      width: 640,
      height: 480,
      fpsNum: 30000,
      fpsDen: 1001,
      colourspace: '420mpeg2',
      layout: '420',
      frameBytes: 640 * 480 * 1.5,
    });
  });

  it('defaults to 420jpeg and knows 444 and mono sizes', () => {
    expect(parseY4mHeader('YUV4MPEG2 W4 H2 F25:1')).toMatchObject({ colourspace: '420jpeg', frameBytes: 12 });
    expect(parseY4mHeader('YUV4MPEG2 W4 H2 F25:1 C444').frameBytes).toBe(24);
    expect(parseY4mHeader('YUV4MPEG2 W4 H2 F25:1 Cmono').frameBytes).toBe(8);
    expect(parseY4mHeader('YUV4MPEG2 W4 H2 F25:1 C420paldv').layout).toBe('420');
    expect(parseY4mHeader('YUV4MPEG2 W4 H2 F25:1 C420').layout).toBe('420');
  });

  it('refuses what it cannot read, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['RIFF W4 H2 F25:1', /not a y4m file/],
      ['YUV4MPEG2 H2 F25:1', /lacks the W or H/],
      ['YUV4MPEG2 W0 H2 F25:1', /0×2 is not between 1 and 4096/],
      ['YUV4MPEG2 W4097 H2 F25:1', /4097×2/],
      ['YUV4MPEG2 W4 H2', /lacks the F/],
      ['YUV4MPEG2 W4 H2 F25:0', /not positive/],
      ['YUV4MPEG2 W4 H2 F25', /denominator "" is not a whole number/],
      ['YUV4MPEG2 W4.5 H2 F25:1', /width "4.5"/],
      ['YUV4MPEG2 W4 H2 F25:1 C422', /C422 is not supported/],
    ];
    for (const [line, message] of cases) expect(() => parseY4mHeader(line), line).toThrow(badInput(message));
  });
});

describe('readY4m', () => {
  const three = y4mBytes('W4 H2 F30000:1001', [solidI420(4, 2, 16), solidI420(4, 2, 126), solidI420(4, 2, 235)]);

  it('yields every frame with its media time, whatever the chunking', async () => {
    for (const size of [1, 7, 1 << 20]) {
      const { items, result } = await drain(readY4m(chunked(three, size)));
      expect(items.map((f) => f.index)).toEqual([0, 1, 2]);
      // 1001/30000 s per frame = 33.3667 ms.
      expect(items.map((f) => f.t)).toEqual([0, 1001 / 30, 2002 / 30]);
      expect(items.map((f) => [...f.rgba().data.subarray(0, 4)])).toEqual([
        [0, 0, 0, 255],
        [128, 128, 128, 255],
        [255, 255, 255, 255],
      ]);
      expect(result).toMatchObject({ frames: 3, durationMs: 3003 / 30 });
      expect(result.header).toMatchObject({ width: 4, height: 2 });
    }
  });

  it('passes FRAME parameters through', async () => {
    const bytes = y4mBytes('W2 H2 F1:1', [solidI420(2, 2, 16)], 'FRAME Ip XFOO=1');
    const { items } = await drain(readY4m(chunked(bytes, 3)));
    expect(items[0]?.params).toEqual(['Ip', 'XFOO=1']);
  });

  it('copies only the frames `keep` asks for, and still counts the rest', async () => {
    const asked: [number, number][] = [];
    const keep = (index: number, t: number): boolean => {
      asked.push([index, t]);
      return index !== 1;
    };
    const { items, result } = await drain(readY4m(chunked(three, 5), { keep }));
    expect(asked.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(items.map((f) => f.index)).toEqual([0, 2]);
    expect(result.frames).toBe(3);
  });

  it('names a truncated frame, a missing FRAME tag, a non-y4m and an empty file', async () => {
    const cut = three.subarray(0, three.length - 5);
    await expect(drain(readY4m(chunked(cut, 4)))).rejects.toThrow(badInput(/frame 2 is truncated: 7 of 12 bytes/));
    const garbage = Buffer.concat([y4mBytes('W4 H2 F1:1', [solidI420(4, 2, 16)]), Buffer.from('JUNK\n')]);
    await expect(drain(readY4m(chunked(garbage, 64)))).rejects.toThrow(badInput(/frame 1 does not start with a FRAME/));
    await expect(drain(readY4m(chunked(Buffer.from('\x89PNG\r\n\x1a\n....'), 64)))).rejects.toThrow(
      badInput(/^not a y4m file/),
    );
    await expect(drain(readY4m(chunked(new Uint8Array(0), 64)))).rejects.toThrow(badInput(/it is empty/));
    await expect(drain(readY4m(chunked(new Uint8Array(10_000).fill(65), 512)))).rejects.toThrow(AttuneError);
  });

  it('reads a file and closes it when the consumer stops early', async () => {
    const path = writeTemp(tempDir(), 'clip.y4m', three);
    const { items, result } = await drain(readY4mFile(path));
    expect(items).toHaveLength(3);
    expect(result.frames).toBe(3);
    const early = readY4mFile(path);
    expect((await early.next()).done).toBe(false);
    await early.return({ header: result.header, frames: 0, durationMs: 0 });
    expect((await early.next()).done).toBe(true);
  });

  it('estimates a file’s length from its header and size, for progress', async () => {
    const dir = tempDir();
    expect(await y4mLengthMs(writeTemp(dir, 'three.y4m', three))).toBe(3003 / 30);
    expect(await y4mLengthMs(writeTemp(dir, 'no.y4m', 'RIFF....'))).toBeNull();
    expect(await y4mLengthMs(`${dir}/missing.y4m`)).toBeNull();
  });
});
