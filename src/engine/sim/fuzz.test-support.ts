/**
 * Seeded generators for the fuzz suites. Each suite runs {@link fuzzRuns} inputs: 10,000 in `npm test`, more
 * when ATTUNE_FUZZ_RUNS is set (e.g. `ATTUNE_FUZZ_RUNS=200000 npx vitest run fuzz`), and ATTUNE_FUZZ_SEED
 * replays another seed. A failure names its case number and seed, so it can be replayed.
 */
import { mulberry32 } from './prng';

/**
 * The environment, read without Node's types: src/shared is also type-checked as web code (tsconfig.web.json),
 * where `process` does not exist; the fuzz suites themselves only run under Node.
 */
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

export const FUZZ_SEED = Number(env.ATTUNE_FUZZ_SEED ?? 0x5eed);

/** Inputs per suite: `fallback` (10,000) unless ATTUNE_FUZZ_RUNS asks for more. */
export function fuzzRuns(fallback = 10_000): number {
  const asked = Number(env.ATTUNE_FUZZ_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}

/** A generous per-suite timeout that grows with the opt-in count, ms. */
export function fuzzTimeout(perInputMs = 2): number {
  return Math.max(60_000, fuzzRuns() * perInputMs * 3);
}

export class Fuzz {
  readonly random: () => number;

  constructor(seed = FUZZ_SEED) {
    this.random = mulberry32(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }

  /** Keys that have tripped up JavaScript code before: prototype names, getters' names, odd strings. */
  key(): string {
    return this.pick([
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'then',
      'length',
      '',
      '0',
      'id',
      'method',
      'args',
      'type',
      'seq',
      'x'.repeat(1 + this.int(300)),
      '\u0000',
      '🙂',
    ]);
  }

  /** Any JSON value, nested up to `depth`, with numbers at their limits and prototype keys in objects. */
  json(depth = 3): unknown {
    const kind = this.int(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -0, 1, -1, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 5e-324, 1e21, 123456789]);
      case 3:
        return this.int(2 ** 31) - 2 ** 30;
      case 4:
        return this.string();
      case 5:
        return this.pick(['', 'getStatus', 'face', 'ready', 'happy', 'NaN', 'Infinity', 'null']);
      case 6:
        return Array.from({ length: this.int(5) }, () => this.json(depth - 1));
      default: {
        const out: Record<string, unknown> = {};
        for (let i = this.int(5); i > 0; i--) {
          // defineProperty: a literal "__proto__" key, as JSON.parse makes it, not a prototype change.
          Object.defineProperty(out, this.key(), { value: this.json(depth - 1), enumerable: true, writable: true });
        }
        return out;
      }
    }
  }

  string(): string {
    const length = this.pick([0, 1, 5, 40, 300, 5000]);
    const alphabet = ['a', ' ', '"', '\\', '\n', '\u0000', 'é', '🙂', '\ud800', '<', '{', '%'];
    return Array.from({ length: this.int(length + 1) }, () => this.pick(alphabet)).join('');
  }

  /** `bytes` with a few bytes flipped, a run zeroed or cut off, or a slice repeated. */
  mutate(bytes: Uint8Array): Uint8Array {
    const out = Uint8Array.from(bytes);
    switch (this.int(5)) {
      case 0:
        for (let i = 1 + this.int(8); i > 0; i--) out[this.int(out.length)] = this.int(256);
        return out;
      case 1:
        return out.subarray(0, this.int(out.length));
      case 2: {
        const at = this.int(out.length);
        out.fill(this.pick([0, 0xff]), at, at + 1 + this.int(64));
        return out;
      }
      case 3: {
        const at = this.int(out.length);
        const piece = out.subarray(at, at + 1 + this.int(32));
        const joined = new Uint8Array(out.length + piece.length);
        joined.set(out.subarray(0, at));
        joined.set(piece, at);
        joined.set(out.subarray(at), at + piece.length);
        return joined;
      }
      default: {
        // Header fields (sizes, counts) live near the start: hit them harder.
        for (let i = 1 + this.int(4); i > 0; i--) out[this.int(Math.min(out.length, 64))] = this.int(256);
        return out;
      }
    }
  }
}
