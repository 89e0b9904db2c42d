import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR, levelVad, utterance } from './pipeline-test-helpers';
import { encodeWav, noise, sine, voiceLike } from './test-signals';
import { VoiceClassifier } from './voice-classifier';
import { VoicePipeline } from './voice-pipeline';
import { VOICE_EMOTION_FILE } from './voice-models';
import { decodeWav } from './wav';
import { join } from 'node:path';

describe('VoicePipeline with the shipped models: never crashes on bad input', () => {
  let pipeline: VoicePipeline;
  beforeAll(async () => {
    pipeline = await VoicePipeline.load({ modelsDir: MODELS_DIR, threads: 1 });
  });
  afterAll(async () => {
    await pipeline.release();
  });

  it('loads in well under a few seconds', () => {
    expect(pipeline.loadMs).toBeGreaterThan(0);
    expect(pipeline.loadMs).toBeLessThan(5000);
  });

  it.each<[string, () => { samples: Float32Array; rate: number }]>([
    ['silence', () => ({ samples: new Float32Array(32_000), rate: 16_000 })],
    ['empty audio', () => ({ samples: new Float32Array(0), rate: 16_000 })],
    ['a clipped square wave', () => ({ samples: sine(150, 2, 16_000, 5).map((v) => Math.sign(v)), rate: 16_000 })],
    ['a DC offset', () => ({ samples: noise(2, 16_000, 0.01).map((v) => v + 0.6), rate: 16_000 })],
    [
      'NaN and Infinity',
      () => ({ samples: voiceLike(2).map((v, i) => (i % 3 ? v : i % 2 ? NaN : Infinity)), rate: 16_000 }),
    ],
    ['8 kHz audio', () => ({ samples: voiceLike(2, { rate: 8000 }), rate: 8000 })],
    ['48 kHz audio', () => ({ samples: voiceLike(2, { rate: 48_000 }), rate: 48_000 })],
    [
      'a stereo WAV',
      () => {
        const wav = decodeWav(encodeWav([voiceLike(2, { rate: 44_100 }), noise(2, 44_100)], 44_100, 'pcm24'));
        return { samples: wav.samples, rate: wav.sampleRate };
      },
    ],
    [
      'a truncated WAV',
      () => {
        const bytes = encodeWav([voiceLike(2)], 16_000);
        const wav = decodeWav(bytes.subarray(0, 20_001));
        return { samples: wav.samples, rate: wav.sampleRate };
      },
    ],
  ])('analyses %s', async (_, make) => {
    const { samples, rate } = make();
    const { segments, audio } = await pipeline.analyseFile(samples, rate);
    expect(Array.isArray(segments)).toBe(true);
    expect(audio.sourceRate).toBe(rate);
    for (const s of segments) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(Number.isFinite(s.result.confidence)).toBe(true);
    }
  });

  it('reports what it cleaned', async () => {
    const nan = await pipeline.analyseFile(Float32Array.from([NaN, 0, Infinity, 0]), 16_000);
    expect(nan.audio.nonFinite).toBe(2);
    const clipped = await pipeline.analyseFile(
      sine(150, 1, 16_000, 5).map((v) => Math.sign(v)),
      16_000,
    );
    expect(clipped.audio.clipped).toBe(true);
    const offset = await pipeline.analyseFile(new Float32Array(16_000).fill(0.25), 16_000);
    expect(offset.audio.dcOffset).toBeCloseTo(0.25, 6);
    await expect(pipeline.analyseFile(new Float32Array(10), 0)).rejects.toMatchObject({ kind: 'bad-input' });
  });

  it('takes odd live chunks without crashing', async () => {
    const out = [
      ...(await pipeline.push(new Float32Array(0), 1000)),
      ...(await pipeline.push(new Float32Array(7).fill(NaN), 1000)),
      ...(await pipeline.push(sine(200, 0.5), Number.NaN)),
      ...(await pipeline.flush()),
    ];
    expect(out).toEqual([]);
    await expect(pipeline.push([1, 2] as unknown as Float32Array, 0)).rejects.toMatchObject({ kind: 'bad-input' });
  });

  it('fails to load from a folder without models as model-missing', async () => {
    await expect(VoicePipeline.load({ modelsDir: join(MODELS_DIR, 'nowhere') })).rejects.toMatchObject({
      kind: 'model-missing',
    });
  });
});

describe('VoicePipeline streaming (stand-in VAD)', () => {
  const classifier = VoiceClassifier.load(join(MODELS_DIR, VOICE_EMOTION_FILE));
  const speech = utterance(voiceLike(2), 1, 1);

  async function pushAll(p: VoicePipeline, pcm: Float32Array, t0: number, chunk = 1600) {
    const out = [];
    for (let i = 0; i < pcm.length; i += chunk) out.push(...(await p.push(pcm.subarray(i, i + chunk), t0 + i / 16)));
    return out;
  }

  it('returns one utterance on the caller’s clock and learns the speaker baseline from it', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier);
    const out = await pushAll(p, speech, 1_000_000);
    expect(out).toHaveLength(1);
    const [seg] = out;
    expect(seg?.startMs).toBeGreaterThan(1_000_000 + 800);
    expect(seg?.startMs).toBeLessThan(1_000_000 + 1000);
    expect(seg?.endMs).toBeGreaterThan(1_000_000 + 2900);
    expect(seg?.endMs).toBeLessThan(1_000_000 + 3200);
    expect(seg?.result.model).toBe('global');
    expect(p.baseline.count).toBe(1);
  });

  it('closes an open utterance when the stream jumps (a gap) and on flush', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier, { adaptBaseline: false });
    const first = await pushAll(p, speech.subarray(0, 32_000), 0); // cut mid-utterance
    expect(first).toEqual([]);
    const after = await p.push(new Float32Array(1600), 60_000);
    expect(after).toHaveLength(1);
    expect(after[0]?.startMs).toBeGreaterThan(850);
    expect(after[0]?.startMs).toBeLessThan(1000);
    await pushAll(p, speech.subarray(0, 32_000), 70_000);
    const flushed = await p.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]?.startMs).toBeGreaterThan(70_850);
    expect(flushed[0]?.startMs).toBeLessThan(71_000);
    expect(p.baseline.count).toBe(0);
  });

  it('gives the same results when pushes overlap (they are queued)', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier, { adaptBaseline: false });
    const pending = [];
    for (let i = 0; i < speech.length; i += 1600) pending.push(p.push(speech.subarray(i, i + 1600), i / 16));
    const overlapped = (await Promise.all(pending)).flat();
    const q = VoicePipeline.fromParts(levelVad(), classifier, { adaptBaseline: false });
    const sequential = await pushAll(q, speech, 0);
    expect(overlapped.map((s) => [s.startMs, s.endMs, s.result.label])).toEqual(
      sequential.map((s) => [s.startMs, s.endMs, s.result.label]),
    );
  });

  it('sees clipping in live audio and keeps clipped utterances out of the baseline', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier);
    const loud = utterance(
      voiceLike(2, { amplitude: 4 }).map((v) => Math.max(-1, Math.min(1, v))),
      1,
      1,
    );
    const out = await pushAll(p, loud, 0);
    expect(out[0]?.result.flags).toContain('clipped');
    expect(p.baseline.count).toBe(0);
  });

  it('follows small clock drift without cutting the utterance', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier, { adaptBaseline: false });
    const out = [];
    // The caller's clock runs 1 % fast: after 4 s it is 40 ms ahead, well under the 250 ms gap.
    for (let i = 0; i < speech.length; i += 1600)
      out.push(...(await p.push(speech.subarray(i, i + 1600), (i / 16) * 1.01)));
    expect(out).toHaveLength(1);
  });

  it('analyses a file on its own VAD stream, reading a baseline without changing it', async () => {
    const vad = levelVad();
    const p = VoicePipeline.fromParts(vad, classifier);
    const baseline = classifier.newBaseline();
    const { segments } = await p.analyseFile(
      utterance(voiceLike(2, { rate: 48_000, f0: 180 }), 0.5, 0.5, 48_000),
      48_000,
      {
        baseline,
      },
    );
    expect(segments.length).toBeGreaterThanOrEqual(1);
    expect(segments[0]?.start).toBeCloseTo(0.4, 1);
    expect(baseline.count).toBe(0);
    expect(vad.streams).toBe(2); // the live stream and the file's own
  });

  it('marks results from narrowband audio', async () => {
    const p = VoicePipeline.fromParts(levelVad(), classifier);
    const { segments } = await p.analyseFile(utterance(voiceLike(2, { rate: 8000 }), 0.5, 0.5, 8000), 8000);
    expect(segments[0]?.result.flags).toContain('narrowband');
  });
});
