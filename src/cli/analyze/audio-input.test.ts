import { describe, expect, it } from 'vitest';
import { encodeWav, sine } from '../../engine/voice/test-signals';
import { audioClipFromWav, chunkAudio, readAudioClip } from './audio-input';
import { tempDir, writeTemp } from './test-clips';

describe('chunkAudio', () => {
  it('cuts 16 kHz samples into 100 ms chunks with their media times', () => {
    const chunks = chunkAudio(new Float32Array(4000));
    expect(chunks.map((c) => c.t)).toEqual([0, 100, 200]);
    expect(chunks.map((c) => c.pcm.length)).toEqual([1600, 1600, 800]);
  });
});

describe('audioClipFromWav', () => {
  it('resamples a 48 kHz stereo WAV to 16 kHz mono chunks', () => {
    const left = sine(440, 0.25, 48_000);
    const clip = audioClipFromWav(encodeWav([left, left], 48_000));
    // 0.25 s at 16 kHz = 4000 samples: two full chunks and a half one.
    expect(clip.durationMs).toBe(250);
    expect(clip.chunks.map((c) => c.pcm.length)).toEqual([1600, 1600, 800]);
    expect(clip.warnings).toEqual([]);
  });

  it('refuses a file that is not WAV', async () => {
    const path = writeTemp(tempDir(), 'x.wav', 'hello');
    await expect(readAudioClip(path)).rejects.toThrow(expect.objectContaining({ kind: 'bad-input' }));
  });
});
