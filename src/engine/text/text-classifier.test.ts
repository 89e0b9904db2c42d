import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { valenceArousal } from '../mood/affect';
import { EMOTIONS, argmaxLabel } from '../../shared/labels';
import { MAX_TEXT_LENGTH, TextClassifier, truncateText } from './text-classifier';

const MODEL = fileURLToPath(new URL('../../../resources/models/text-emotion.json', import.meta.url));
const classifier = TextClassifier.load(MODEL);
const dir = mkdtempSync(join(tmpdir(), 'attune-text-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TextClassifier on the shipped weights', () => {
  it.each([
    ['I am so happy today, this is wonderful!', 'happy'],
    ["I'm furious, this is outrageous", 'angry'],
    ['I miss her so much, I feel so alone', 'sad'],
  ])('reads "%s" as %s', (text, label) => {
    expect(classifier.classify(text).label).toBe(label);
  });

  it('gives "not happy at all" less happiness than "happy"', () => {
    expect(classifier.classify('not happy at all').probs.happy).toBeLessThan(classifier.classify('happy').probs.happy);
  });

  it('returns probabilities over every emotion that sum to 1, and its own valence and arousal', () => {
    const r = classifier.classify('I am so happy today, this is wonderful!');
    expect(Object.keys(r.probs).sort()).toEqual([...EMOTIONS].sort());
    expect(Object.values(r.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // The shipped file has a valence/arousal head (EmoBank), so the values are not the label average.
    expect(classifier.model.affect).toBeDefined();
    expect(r.valence).not.toBeCloseTo(valenceArousal(r.probs).valence, 3);
    expect(r.valence).toBeGreaterThan(0.2);
    const sad = classifier.classify('I miss her so much, I feel so alone');
    expect(sad.valence).toBeLessThan(0);
    for (const x of [r.valence, r.arousal, sad.valence, sad.arousal]) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  });

  it('falls back to the label average for valence and arousal when the file has no head', () => {
    const plain = join(dir, 'no-affect.json');
    const json = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
    delete json.affect;
    writeFileSync(plain, JSON.stringify(json));
    const r = TextClassifier.load(plain).classify('I am so happy today, this is wonderful!');
    const va = valenceArousal(r.probs);
    expect(r.valence).toBeCloseTo(va.valence, 12);
    expect(r.arousal).toBeCloseTo(va.arousal, 12);
  });

  it.each(['Had lunch, then back to work on the report.', 'Meeting at 3, then groceries.'])(
    'can still read a plain note as neutral: "%s"',
    (text) => {
      expect(argmaxLabel(classifier.classify(text).probs)).toBe('neutral');
    },
  );

  it('scales confidence down for very short texts and says unknown for empty ones', () => {
    const short = classifier.classify('happy');
    // One content token out of three: confidence = top probability × (1 + 1) / (3 + 1).
    expect(short.confidence).toBeCloseTo(short.probs.happy * 0.5, 9);
    const empty = classifier.classify('  ');
    expect(empty.confidence).toBe(0);
    expect(empty.label).toBe('unknown');
  });

  it('says unknown below the model threshold', () => {
    const threshold = classifier.model.confidence.unknownBelow;
    // "ok" was the example until dair-emotion joined training: its "i feel ok" sentences are labelled joy, so
    // "ok" now reads happy at 0.46 (TEXT-MODEL.md, known failures). "well" says as little and stays below.
    const r = classifier.classify('well');
    expect(r.confidence).toBeLessThan(threshold);
    expect(r.label).toBe('unknown');
  });

  it('cuts texts longer than the limit instead of failing', () => {
    const long = 'I am so happy today. '.repeat(1000);
    expect(long.length).toBeGreaterThan(MAX_TEXT_LENGTH);
    expect(classifier.classify(long)).toEqual(classifier.classify(long.slice(0, MAX_TEXT_LENGTH)));
    expect(truncateText('ab😀', 3)).toBe('ab');
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('refuses a non-string as bad-input', () => {
    expect(() => classifier.classify(42 as unknown as string)).toThrow(
      expect.objectContaining({ kind: 'bad-input' }) as Error,
    );
  });

  it('ships a file under 4 MB that names its hash and dimensions', () => {
    expect(statSync(MODEL).size).toBeLessThan(4_000_000);
    const header = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
    expect(header.hash).toBe('fnv1a32-utf8');
    expect(header.labels).toEqual(EMOTIONS);
    expect(classifier.model.features.dimensions).toBe(1 << 18);
  });
});

describe('TextClassifier.load failures', () => {
  const kindOf = (file: string): string | undefined => {
    try {
      TextClassifier.load(file);
      return undefined;
    } catch (err) {
      return (err as { kind?: string }).kind;
    }
  };

  it('says model-missing for an absent file', () => {
    expect(kindOf(join(dir, 'absent.json'))).toBe('model-missing');
  });

  it('says model-corrupt for garbage, truncation or a wrong layout', () => {
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, 'not json at all');
    expect(kindOf(garbage)).toBe('model-corrupt');
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(MODEL, 'utf8').slice(0, 5000));
    expect(kindOf(truncated)).toBe('model-corrupt');
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'attune-text-linear', version: 1 }));
    expect(kindOf(wrong)).toBe('model-corrupt');
  });
});
