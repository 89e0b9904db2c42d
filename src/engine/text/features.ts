import { FNV_OFFSET_BASIS, fnv1aCodePoint, fnv1aUpdate, hashBucket, hashSign, isPowerOfTwo } from './hash';
import { tokenize, type Tokenized } from './tokenize';

/** How text becomes a hashed feature vector. Stored in the model file; the weights only fit this config. */
export interface FeatureConfig {
  /** Number of hash buckets D, a power of two ≤ 2^30. Default 2^18. */
  readonly dimensions: number;
  /** Longest word n-gram (1 = unigrams only). Default 2. */
  readonly wordNgramMax: number;
  /** Shortest and longest character n-gram, in code points, padding spaces included. Default 2 and 5. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  /** `NEG_` marking of negated tokens. Default true. */
  readonly negation: boolean;
  /** `INT_<token>` extras after intensifiers. Default true. */
  readonly intensifiers: boolean;
  /** `LEX_<class>` extras for emotion-lexicon words (lexicon.ts). Default true. */
  readonly lexicon: boolean;
  /** Share of the vector's squared L2 norm given to the character block, in [0, 1]. Default 0.5. */
  readonly charWeight: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  dimensions: 1 << 18,
  wordNgramMax: 2,
  charNgramMin: 2,
  charNgramMax: 5,
  negation: true,
  intensifiers: true,
  lexicon: true,
  charWeight: 0.5,
};

/** A sparse vector: bucket indices in increasing order, and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Namespaces keep a word and a character n-gram with the same spelling apart: the hashed string is
 * `w<n>:<gram>` for word n-grams (e.g. "w1:NEG_happy", "w2:so happy"), `c:<gram>` for character n-grams
 * ("c: ha") and `x:<extra>` for extras ("x:EMO_joy", "x:INT_happy").
 */
export function featureKey(kind: 'word' | 'char' | 'extra', text: string, order = 1): string {
  if (kind === 'word') return `w${order}:${text}`;
  return kind === 'char' ? `c:${text}` : `x:${text}`;
}

// FNV-1a streams, so hashing the prefix once and continuing with each gram equals hashing featureKey().
const WORD_PREFIX = [1, 2, 3, 4].map((n) => fnv1aUpdate(FNV_OFFSET_BASIS, featureKey('word', '', n)));
const CHAR_PREFIX = fnv1aUpdate(FNV_OFFSET_BASIS, featureKey('char', ''));
const EXTRA_PREFIX = fnv1aUpdate(FNV_OFFSET_BASIS, featureKey('extra', ''));

/** Feature hashes of one block, appended as they come (a typed array grown by doubling). */
class HashList {
  items = new Uint32Array(256);
  length = 0;
  push(hash: number): void {
    if (this.length === this.items.length) {
      const grown = new Uint32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = hash;
  }
}

/** A bucketed entry list: entry i adds values[i] to bucket buckets[i]. */
interface Entries {
  buckets: number[];
  values: number[];
}

/**
 * Adds one block's features to `out`: equal hashes (the same feature string) are counted, each count c
 * becomes 1 + ln c (sublinear tf), and the block is scaled to L2 norm `weight` and signed by its hashes.
 */
function addBlock(out: Entries, list: HashList, weight: number, dimensions: number): void {
  const hashes = list.items.subarray(0, list.length).sort();
  let norm2 = 0;
  for (let i = 0; i < hashes.length;) {
    let j = i + 1;
    while (j < hashes.length && hashes[j] === hashes[i]) j++;
    norm2 += (1 + Math.log(j - i)) ** 2;
    i = j;
  }
  if (norm2 === 0) return;
  const scale = weight / Math.sqrt(norm2);
  for (let i = 0; i < hashes.length;) {
    const hash = hashes[i] ?? 0;
    let j = i + 1;
    while (j < hashes.length && hashes[j] === hash) j++;
    out.buckets.push(hashBucket(hash, dimensions));
    out.values.push(hashSign(hash) * (1 + Math.log(j - i)) * scale);
    i = j;
  }
}

/** Sums entries that share a bucket and returns them in increasing bucket order. */
function toSparse({ buckets, values }: Entries): SparseVector {
  const sums = new Map<number, number>();
  buckets.forEach((b, i) => sums.set(b, (sums.get(b) ?? 0) + (values[i] ?? 0)));
  const indices = Int32Array.from(sums.keys()).sort();
  return { indices, values: Float32Array.from(indices, (b) => sums.get(b) ?? 0) };
}

export function validateFeatureConfig(config: FeatureConfig): string | undefined {
  if (!isPowerOfTwo(config.dimensions) || config.dimensions > 2 ** 30) return 'dimensions must be a power of two';
  if (!Number.isInteger(config.wordNgramMax) || config.wordNgramMax < 1 || config.wordNgramMax > 4) {
    return 'wordNgramMax must be 1–4';
  }
  const { charNgramMin: lo, charNgramMax: hi } = config;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo - 1 || hi > 8) {
    return 'char n-gram range must lie in 1–8 (max < min disables them)';
  }
  if (!(config.charWeight >= 0 && config.charWeight <= 1)) return 'charWeight must lie in [0, 1]';
  const flags = [config.negation, config.intensifiers, config.lexicon];
  if (!flags.every((f) => typeof f === 'boolean')) return 'negation, intensifiers and lexicon must be true or false';
  return undefined;
}

/**
 * The hashed feature vector of `text`: word n-grams and extras form one block, character n-grams another;
 * each block gets sublinear tf and is L2-normalised to its share of the norm (√(1 − charWeight) and
 * √charWeight; a block alone takes all of it), so the whole vector has norm 1 before bucket collisions.
 */
export function featurize(text: string, config: FeatureConfig): SparseVector {
  return vectorize(tokenize(text, config), config);
}

/** {@link featurize} for text already tokenised with the same config's options. */
export function vectorize({ tokens, words, extras }: Tokenized, config: FeatureConfig): SparseVector {
  // Hashes are streamed (FNV-1a of a prefix continued with the rest) instead of building each n-gram
  // string: the result equals fnv1a32(featureKey(...)) of wordNgrams()/charNgrams() in tokenize.ts.
  const wordBlock = new HashList();
  for (let n = 1; n <= config.wordNgramMax; n++) {
    const prefix = WORD_PREFIX[n - 1] ?? FNV_OFFSET_BASIS;
    for (let i = 0; i + n <= tokens.length; i++) {
      let h = fnv1aUpdate(prefix, tokens[i] ?? '');
      for (let m = 1; m < n; m++) h = fnv1aUpdate(fnv1aCodePoint(h, 0x20), tokens[i + m] ?? '');
      wordBlock.push(h);
    }
  }
  for (const e of extras) wordBlock.push(fnv1aUpdate(EXTRA_PREFIX, e));
  const charBlock = new HashList();
  const { charNgramMin: minN, charNgramMax: maxN } = config;
  if (config.charWeight > 0 && maxN >= minN) {
    for (const w of words) {
      const cps = [0x20];
      for (const ch of w) cps.push(ch.codePointAt(0) ?? 0);
      cps.push(0x20);
      for (let i = 0; i < cps.length; i++) {
        let h = CHAR_PREFIX;
        for (let j = i; j < cps.length && j - i < maxN; j++) {
          h = fnv1aCodePoint(h, cps[j] ?? 0);
          if (j - i + 1 >= minN) charBlock.push(h);
        }
      }
    }
  }
  const both = wordBlock.length > 0 && charBlock.length > 0;
  const entries: Entries = { buckets: [], values: [] };
  addBlock(entries, wordBlock, both ? Math.sqrt(1 - config.charWeight) : 1, config.dimensions);
  addBlock(entries, charBlock, both ? Math.sqrt(config.charWeight) : 1, config.dimensions);
  return toSparse(entries);
}
