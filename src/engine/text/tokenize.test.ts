import { describe, expect, it } from 'vitest';
import { charNgrams, isNegator, tokenize, wordNgrams } from './tokenize';

describe('tokenize', () => {
  it('marks negated words up to punctuation', () => {
    expect(tokenize('not happy at all').tokens).toEqual(['not', 'NEG_happy', 'NEG_at', 'NEG_all']);
    expect(tokenize("I don't like it. Love it").tokens).toEqual([
      'i',
      "don't",
      'NEG_like',
      'NEG_it',
      '.',
      'love',
      'it',
    ]);
  });

  it('ends a negation at "but" and keeps words plain for character n-grams', () => {
    const t = tokenize('never rich but happy');
    expect(t.tokens).toEqual(['never', 'NEG_rich', 'but', 'happy']);
    expect(t.words).toEqual(['never', 'rich', 'but', 'happy']);
  });

  it('can leave negation out', () => {
    expect(tokenize('not happy', { negation: false }).tokens).toEqual(['not', 'happy']);
  });

  it('recognises negators, contractions included', () => {
    expect(['not', 'never', "isn't", "can't", 'cannot', 'dont', 'nobody'].every(isNegator)).toBe(true);
    expect(['note', 'know', 'nothingness'].some(isNegator)).toBe(false);
  });

  it('keeps emoji and emoticons as tokens with an EMO_ class', () => {
    const t = tokenize('lol 😂 👍🏽 :-))) ;) :( 🙃', { lexicon: false });
    expect(t.tokens).toEqual(['lol', '😂', '👍', ':)', ';)', ':(', '🙃']);
    expect(t.extras).toEqual(['EMO_joy', 'EMO_joy', 'EMO_joy', 'EMO_joy', 'EMO_sad']);
    expect(t.contentTokens).toBe(7);
  });

  it('does not read faces inside words or times', () => {
    expect(tokenize('xdebug at 10:30').tokens).toEqual(['xdebug', 'at', '10', ':', '30']);
    expect(tokenize('XDDD').tokens).toEqual(['xd']);
  });

  it('normalises URLs, mentions, subreddits and GoEmotions masks', () => {
    expect(tokenize('see https://x.io/a?b=1 by u/bob in r/news, @amy [NAME]').tokens).toEqual([
      'see',
      '<url>',
      'by',
      '<user>',
      'in',
      '<sub>',
      ',',
      '<user>',
      '<name>',
    ]);
  });

  it('lower-cases, collapses elongation and notes capitals', () => {
    const t = tokenize('SOOOO GOOD');
    expect(t.tokens).toEqual(['soo', 'good']);
    expect(t.extras).toEqual(['ELONG', 'CAPS', 'CAPS', 'INT_good']);
  });

  it('adds INT_ after an intensifier, with the next token as marked', () => {
    expect(tokenize('so happy', { lexicon: false }).extras).toEqual(['INT_happy']);
    expect(tokenize('not very happy', { lexicon: false }).extras).toEqual(['INT_NEG_happy']);
    expect(tokenize('very!').extras).toEqual([]);
  });

  it('adds LEX_ for lexicon words, LEX_NEG_ when negated', () => {
    expect(tokenize("I'm furious").extras).toEqual(['LEX_anger']);
    expect(tokenize('not happy, so sad').extras).toEqual(['LEX_NEG_joy', 'LEX_sadness', 'INT_sad']);
    expect(tokenize('Sooo scared').extras).toEqual(['ELONG', 'LEX_fear', 'INT_scared']);
  });

  it('maps curly apostrophes and collapses punctuation runs', () => {
    expect(tokenize('It’s fine!!! Really?! Well...').tokens).toEqual([
      "it's",
      'fine',
      '!!',
      'really',
      '?!',
      'well',
      '...',
    ]);
  });

  it('gives nothing for empty or blank text', () => {
    expect(tokenize('   ')).toEqual({ tokens: [], words: [], extras: [], contentTokens: 0 });
  });
});

describe('n-grams', () => {
  it('lists word 1- and 2-grams', () => {
    expect(wordNgrams(['not', 'NEG_happy', 'NEG_at'], 2)).toEqual([
      ['not', 'NEG_happy', 'NEG_at'],
      ['not NEG_happy', 'NEG_happy NEG_at'],
    ]);
  });

  it('lists character 2–5-grams inside the padded word', () => {
    expect(charNgrams('ok', 2, 5)).toEqual([' o', 'ok', 'k ', ' ok', 'ok ', ' ok ']);
    expect(charNgrams('happy', 5, 5)).toEqual([' happ', 'happy', 'appy ']);
    expect(charNgrams('😀', 2, 2)).toEqual([' 😀', '😀 ']);
  });
});
