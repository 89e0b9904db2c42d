import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkAudio } from './audio-input';
import { TEXT_LOOP_GAP_MS, audioInput, textInput, videoInput } from './sources';
import { drain, solidI420, tempDir, writeTemp, y4mBytes } from './test-clips';

const clip = y4mBytes(
  'W2 H2 F4:1',
  [16, 60, 126, 200, 235].map((y) => solidI420(2, 2, y)),
);

describe('videoInput', () => {
  it('keeps frames at fps, converts them to RGBA, and replays a looped clip from memory', async () => {
    const path = writeTemp(tempDir(), 'clip.y4m', clip);
    const input = videoInput(path, 2);
    const first = await drain(input.open());
    // 4 fps clip at 2 fps: frames 0, 2, 4 (0, 500, 1000 ms); 5 frames last 1250 ms.
    expect(first.items.map((e) => e.t)).toEqual([0, 500, 1000]);
    expect(first.items.map((e) => (e.kind === 'frame' ? e.image.data[0] : -1))).toEqual([0, 128, 255]);
    expect(first.result).toBe(1250);
    rmSync(path);
    const again = await drain(input.open());
    expect(again.items).toEqual(first.items);
    expect(again.result).toBe(1250);
    // Fresh buffers each pass: the target may keep or change them.
    const [a, b] = [first.items[0], again.items[0]];
    expect(a?.kind === 'frame' && b?.kind === 'frame' && a.image.data !== b.image.data).toBe(true);
  });

  it('decodes again on every pass when the clip does not fit the cache', async () => {
    const path = writeTemp(tempDir(), 'clip.y4m', clip);
    const input = videoInput(path, 2, 6);
    await drain(input.open());
    rmSync(path);
    await expect(drain(input.open())).rejects.toThrow(
      expect.objectContaining({ kind: 'bad-input', message: `cannot read ${path}: no such file` }),
    );
  });
});

describe('audioInput and textInput', () => {
  it('replays audio chunks with the clip as the period', async () => {
    const chunks = chunkAudio(new Float32Array(2400));
    const { items, result } = await drain(audioInput({ chunks, durationMs: 150, warnings: [] }).open());
    expect(items.map((e) => e.t)).toEqual([0, 100]);
    expect(result).toBe(150);
  });

  it('gives text a period of its last message plus a gap, and an empty file none', async () => {
    const { items, result } = await drain(
      textInput([
        { t: 0, text: 'a' },
        { t: 4000, text: 'b' },
      ]).open(),
    );
    expect(items).toEqual([
      { kind: 'text', t: 0, text: 'a' },
      { kind: 'text', t: 4000, text: 'b' },
    ]);
    expect(result).toBe(4000 + TEXT_LOOP_GAP_MS);
    expect((await drain(textInput([]).open())).result).toBe(0);
  });
});
