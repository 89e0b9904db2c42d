import { EMOTICON_PATTERN, emoClass, normalizeEmoji, normalizeEmoticon } from './emoji';
import { lexClass } from './lexicon';

/**
 * Text → tokens for the text-emotion model. Pure and deterministic: the model's weights depend on every
 * detail here, so a change means retraining (and a new format version in the model file).
 *
 * - NFKC, then curly apostrophes → "'"; tokens are lower-cased.
 * - URLs → `<url>`, Reddit/at-mentions → `<user>`, subreddits → `<sub>`, GoEmotions masks → `<name>`/`<religion>`.
 * - Emoji and emoticons are tokens of their own; those with a clear emotion add an `EMO_<class>` extra.
 * - Letters repeated 3+ times collapse to 2 ("soooo" → "soo") and add an `ELONG` extra; a word of 3+
 *   letters written in capitals adds a `CAPS` extra.
 * - Negation: tokens after a negator (not, no, never, …n't, …) get a `NEG_` prefix until punctuation or
 *   "but": "not happy at all" → not NEG_happy NEG_at NEG_all.
 * - Intensifiers (very, so, really, …): the token after one adds an `INT_<token>` extra ("so happy" →
 *   INT_happy), so "so happy" is more than "happy" without a separate bigram per intensifier.
 * - Words of the emotion lexicon (lexicon.ts) add `LEX_<class>`, or `LEX_NEG_<class>` inside a negation.
 */

export type TokenKind = 'word' | 'placeholder' | 'emoji' | 'punct';

export interface Tokenized {
  /** The token sequence after negation marking; word n-grams are read from it. */
  readonly tokens: readonly string[];
  /** The plain form of every word token (no `NEG_`), where character n-grams are read from. */
  readonly words: readonly string[];
  /** Features outside the sequence: `EMO_<class>`, `LEX_<class>`, `INT_<token>`, `CAPS`, `ELONG`. */
  readonly extras: readonly string[];
  /** How many tokens are not punctuation (words, placeholders, emoji): a measure of how much was said. */
  readonly contentTokens: number;
}

export interface TokenizeOptions {
  /** Mark tokens in a negation's scope with `NEG_`. Default true. */
  readonly negation?: boolean;
  /** Add `INT_<token>` after intensifiers. Default true. */
  readonly intensifiers?: boolean;
  /** Add `LEX_<class>` for emotion-lexicon words. Default true. */
  readonly lexicon?: boolean;
}

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>https?:\/\/\S+|www\.\S+)`,
    String.raw`(?<user>(?<![\p{L}\p{N}_\/])(?:\/?u\/[\w-]+|@\w+))`,
    String.raw`(?<sub>(?<![\p{L}\p{N}_\/])\/?r\/\w+)`,
    String.raw`(?<mask>\[(?:name|religion)\])`,
    `(?<emoticon>${EMOTICON_PATTERN})`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:[\uFE0E\uFE0F]|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*)`,
    String.raw`(?<word>[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*)`,
    String.raw`(?<punct>[!?]+|\.{2,}|[.,;:])`,
  ].join('|'),
  'giu',
);

const NEGATORS = new Set(
  (
    'not no never nothing nobody none neither nor nowhere cannot without hardly barely ' +
    'dont cant wont isnt arent wasnt werent didnt doesnt couldnt wouldnt shouldnt aint havent hasnt hadnt'
  ).split(' '),
);
const SCOPE_BREAKERS = new Set(['but']);
const INTENSIFIERS = new Set(
  'very so soo really extremely totally absolutely super incredibly too such truly completely utterly highly deeply seriously'.split(
    ' ',
  ),
);

export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/** Collapses a punctuation run to a small set of tokens: "!", "!!", "?", "??", "?!", "...", ".", ",", ";", ":". */
function punctToken(raw: string): string {
  if (raw.startsWith('.') && raw.length > 1) return '...';
  if (raw.includes('!') && raw.includes('?')) return '?!';
  return raw.length > 1 ? raw.slice(0, 2) : raw;
}

interface RawToken {
  kind: TokenKind;
  text: string;
}

/** Splits normalised text into typed tokens and collects the `EMO_`, `CAPS` and `ELONG` extras. */
function scan(text: string, extras: string[]): RawToken[] {
  const out: RawToken[] = [];
  const normalized = text.normalize('NFKC').replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
  for (const m of normalized.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const raw = m[0];
    if (g.url !== undefined) out.push({ kind: 'placeholder', text: '<url>' });
    else if (g.user !== undefined) out.push({ kind: 'placeholder', text: '<user>' });
    else if (g.sub !== undefined) out.push({ kind: 'placeholder', text: '<sub>' });
    else if (g.mask !== undefined) out.push({ kind: 'placeholder', text: `<${raw.slice(1, -1).toLowerCase()}>` });
    else if (g.emoticon !== undefined || g.emoji !== undefined) {
      const token = g.emoji !== undefined ? normalizeEmoji(raw) : normalizeEmoticon(raw);
      const cls = emoClass(token);
      if (cls !== undefined) extras.push(`EMO_${cls}`);
      out.push({ kind: 'emoji', text: token });
    } else if (g.word !== undefined) {
      const lower = raw.toLowerCase();
      const word = lower.replace(/(\p{L})\1{2,}/gu, '$1$1');
      if (word !== lower) extras.push('ELONG');
      if (/\p{L}.*\p{L}.*\p{L}/u.test(raw) && raw === raw.toUpperCase() && raw !== lower) extras.push('CAPS');
      out.push({ kind: 'word', text: word });
    } else out.push({ kind: 'punct', text: punctToken(raw) });
  }
  return out;
}

/** Tokenises `text` as described at the top of this file. */
export function tokenize(text: string, options: TokenizeOptions = {}): Tokenized {
  const negation = options.negation ?? true;
  const intensifiers = options.intensifiers ?? true;
  const lexicon = options.lexicon ?? true;
  const extras: string[] = [];
  const raw = scan(text, extras);
  const tokens: string[] = [];
  const words: string[] = [];
  let inScope = false;
  let contentTokens = 0;
  for (const t of raw) {
    if (t.kind === 'punct') {
      inScope = false;
      tokens.push(t.text);
      continue;
    }
    contentTokens++;
    if (t.kind === 'word') words.push(t.text);
    if (t.kind === 'word' && SCOPE_BREAKERS.has(t.text)) inScope = false;
    const negator = t.kind === 'word' && isNegator(t.text);
    const negated = negation && inScope && !negator;
    tokens.push(negated ? `NEG_${t.text}` : t.text);
    const lex = lexicon && t.kind === 'word' ? lexClass(t.text) : undefined;
    if (lex !== undefined) extras.push(negated ? `LEX_NEG_${lex}` : `LEX_${lex}`);
    if (negator) inScope = true;
  }
  if (intensifiers) {
    raw.forEach((t, i) => {
      const next = raw[i + 1];
      const marked = tokens[i + 1];
      if (t.kind === 'word' && INTENSIFIERS.has(t.text) && next !== undefined && next.kind !== 'punct') {
        extras.push(`INT_${marked ?? next.text}`);
      }
    });
  }
  return { tokens, words, extras, contentTokens };
}

/** Word n-grams of orders 1…maxN over `tokens`, the order's grams joined by one space. */
export function wordNgrams(tokens: readonly string[], maxN: number): string[][] {
  const byOrder: string[][] = [];
  for (let n = 1; n <= maxN; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= tokens.length; i++) grams.push(tokens.slice(i, i + n).join(' '));
    byOrder.push(grams);
  }
  return byOrder;
}

/**
 * Character n-grams of lengths minN…maxN inside one word padded with a space on each side (" ok " gives
 * " o", "ok", "k ", " ok", "ok ", " ok "), so n-grams never span two words. Counts code points.
 */
export function charNgrams(word: string, minN: number, maxN: number): string[] {
  const chars = Array.from(` ${word} `);
  const grams: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  }
  return grams;
}
