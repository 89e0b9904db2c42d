import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS } from '../../shared/labels';
import { DEFAULT_FEATURE_CONFIG } from './features';
import { decodeModel, encodeModel, quantize, type TextModelFile } from './model-file';

const D = 4;

function tinyModel(): TextModelFile {
  const weights = EMOTIONS.map((_, k) => Float64Array.from([1, -0.25, 0.1, 0, k / 10]));
  return encodeModel({
    features: { ...DEFAULT_FEATURE_CONFIG, dimensions: D },
    labels: EMOTIONS,
    weights,
    temperature: 0.5,
    confidence: { unknownBelow: 0.4, shortTextTokens: 3 },
    provenance: { note: 'test' },
  });
}

describe('quantize', () => {
  it('scales each class by max |w| / 127 and stores bucket-major', () => {
    const { q, scales } = quantize([Float64Array.from([1, -0.25, 0.1, 0]), Float64Array.from([0, 0.5, 0, 0])], D);
    expect(scales).toEqual([1 / 127, 0.5 / 127]);
    // Bucket b holds [class 0, class 1]: 1 → 127, −0.25 → −31.75 → −32, 0.1 → 12.7 → 13.
    expect(Array.from(q)).toEqual([127, 0, -32, 127, 13, 0, 0, 0]);
  });

  it('gives an all-zero class a scale of 1, not a division by zero', () => {
    expect(quantize([new Float64Array(D)], D).scales).toEqual([1]);
  });
});

describe('decodeModel', () => {
  it('round-trips an encoded model', () => {
    const m = decodeModel(JSON.parse(JSON.stringify(tinyModel())), 'tiny.json');
    expect(m.labels).toEqual(EMOTIONS);
    expect(m.temperature).toBe(0.5);
    expect(m.bias[3]).toBeCloseTo(0.3, 6);
    expect(Array.from(m.q.subarray(0, EMOTIONS.length))).toEqual(EMOTIONS.map(() => 127));
    expect(m.provenance).toEqual({ note: 'test' });
  });

  const broken: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['format', (m) => (m.format = 'other'), /format/],
    ['version', (m) => (m.version = 2), /version 2/],
    ['hash', (m) => (m.hash = 'md5'), /hash/],
    ['dimensions', (m) => (m.features = { ...DEFAULT_FEATURE_CONFIG, dimensions: 3 }), /power of two/],
    ['labels', (m) => (m.labels = ['happy']), /labels/],
    ['temperature', (m) => (m.temperature = 0), /temperature/],
    ['bias', (m) => (m.bias = [0]), /bias/],
    ['scales', (m) => (m.quantization = { type: 'int8-per-class', scales: [1] }), /quantization/],
    ['weight length', (m) => (m.weights = Buffer.from([1, 2, 3]).toString('base64')), /weight bytes/],
    ['weight bytes', (m) => (m.weights = Buffer.alloc(D * 7, 1).toString('base64')), /sha256/],
  ];
  it.each(broken)('refuses a wrong %s as model-corrupt', (_, breakIt, message) => {
    const json = JSON.parse(JSON.stringify(tinyModel())) as Record<string, unknown>;
    breakIt(json);
    const decode = (): unknown => decodeModel(json, 'tiny.json');
    expect(decode).toThrow(AttuneError);
    expect(decode).toThrow(message);
    expect(decode).toThrow(expect.objectContaining({ kind: 'model-corrupt' }) as Error);
  });

  it('refuses something that is not an object', () => {
    expect(() => decodeModel([1, 2], 'x.json')).toThrow(/format/);
    expect(() => decodeModel(null, 'x.json')).toThrow(/not a JSON object/);
  });
});
