import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, featureKey, featurize, validateFeatureConfig, type FeatureConfig } from './features';
import { fnv1a32, hashBucket, hashSign } from './hash';
import { charNgrams, tokenize, wordNgrams } from './tokenize';

const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, dimensions: 1 << 18 };

/** A slow, string-building reference for featurize(), written from the documented rules. */
function reference(text: string, cfg: FeatureConfig): Map<number, number> {
  const t = tokenize(text, cfg);
  const wordKeys = [
    ...wordNgrams(t.tokens, cfg.wordNgramMax).flatMap((grams, i) => grams.map((g) => featureKey('word', g, i + 1))),
    ...t.extras.map((e) => featureKey('extra', e)),
  ];
  const charKeys = t.words.flatMap((w) =>
    charNgrams(w, cfg.charNgramMin, cfg.charNgramMax).map((g) => featureKey('char', g)),
  );
  const out = new Map<number, number>();
  const add = (keys: string[], weight: number): void => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const norm = Math.sqrt([...counts.values()].reduce((s, c) => s + (1 + Math.log(c)) ** 2, 0));
    for (const [k, c] of counts) {
      const h = fnv1a32(k);
      const b = hashBucket(h, cfg.dimensions);
      out.set(b, (out.get(b) ?? 0) + (hashSign(h) * (1 + Math.log(c)) * weight) / norm);
    }
  };
  add(wordKeys, Math.sqrt(1 - cfg.charWeight));
  add(charKeys, Math.sqrt(cfg.charWeight));
  return out;
}

describe('featurize', () => {
  it('hashes "ok" into one word feature and six character features, each block at half the squared norm', () => {
    const v = featurize('ok', config);
    expect(v.indices.length).toBe(7);
    const word = fnv1a32('w1:ok');
    const at = Array.from(v.indices).indexOf(hashBucket(word, config.dimensions));
    expect(v.values[at]).toBeCloseTo(hashSign(word) * Math.SQRT1_2, 6);
    const chunk = fnv1a32('c: ok');
    const atChar = Array.from(v.indices).indexOf(hashBucket(chunk, config.dimensions));
    expect(v.values[atChar]).toBeCloseTo(hashSign(chunk) * Math.SQRT1_2 * (1 / Math.sqrt(6)), 6);
  });

  it('uses sublinear tf: a repeated word counts 1 + ln 2, not 2', () => {
    const v = featurize('ha ha', { ...config, charWeight: 0, wordNgramMax: 1 });
    // One feature "w1:ha" with count 2: normalised alone it is ±1.
    expect(v.indices.length).toBe(1);
    expect(Math.abs(v.values[0] ?? 0)).toBeCloseTo(1, 6);
    const two = featurize('ha ho ha', { ...config, charWeight: 0, wordNgramMax: 1 });
    const values = Array.from(two.values, Math.abs).sort();
    expect((values[1] ?? 0) / (values[0] ?? 1)).toBeCloseTo(1 + Math.log(2), 5);
  });

  it('equals the string-building reference on varied text', () => {
    for (const text of ["I'm not SOOO happy 😂 :) at https://a.b", 'so so so very good!!', 'café naïve 😀']) {
      const v = featurize(text, config);
      const ref = reference(text, config);
      expect(Array.from(v.indices)).toEqual([...ref.keys()].sort((a, b) => a - b));
      v.indices.forEach((b, i) => expect(v.values[i]).toBeCloseTo(ref.get(b) ?? NaN, 5));
    }
  });

  it('gives unit-norm vectors, sorted indices, and nothing for empty text', () => {
    const v = featurize('What a wonderful day, thank you so much!', config);
    expect(v.values.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 2);
    expect(Array.from(v.indices)).toEqual(Array.from(v.indices).sort((a, b) => a - b));
    expect(featurize('', config).indices.length).toBe(0);
  });
});

describe('validateFeatureConfig', () => {
  it('accepts the default and names what is wrong otherwise', () => {
    expect(validateFeatureConfig(DEFAULT_FEATURE_CONFIG)).toBeUndefined();
    expect(validateFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, dimensions: 1000 })).toMatch(/power of two/);
    expect(validateFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, charWeight: 2 })).toMatch(/charWeight/);
  });
});
