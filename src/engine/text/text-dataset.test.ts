import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { parseDelimited, readGoEmotions, readRatedTexts, readTextDataset } from './text-dataset';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attune-text-dataset-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('parseDelimited', () => {
  it('follows RFC 4180 quoting for commas', () => {
    expect(parseDelimited('a,"b, ""c"""\r\n"multi\nline",d\n\n', ',')).toEqual([
      ['a', 'b, "c"'],
      ['multi\nline', 'd'],
    ]);
  });

  it('leaves quotes alone in TSV', () => {
    expect(parseDelimited('"Hi" he said\t3\n', '\t')).toEqual([['"Hi" he said', '3']]);
  });
});

describe('readTextDataset', () => {
  it('reads a CSV with text and label columns in any order', () => {
    const file = write('a.csv', 'id,label,text\n1,joy,"Great, thanks!"\n2,anger,I hate this\n3,,no label\n');
    expect(readTextDataset(file)).toEqual([
      { text: 'Great, thanks!', label: 'joy' },
      { text: 'I hate this', label: 'anger' },
    ]);
  });

  it('reads a TSV with a header', () => {
    const file = write('a.tsv', 'text\tlabel\nso sad\tsad\n');
    expect(readTextDataset(file)).toEqual([{ text: 'so sad', label: 'sad' }]);
  });

  it('reads GoEmotions TSV with labels.txt, keeping single-label rows only', () => {
    write('labels.txt', 'anger\ndisgust\nfear\njoy\nneutral\nsadness\nsurprise');
    const file = write('test.tsv', 'I love it\t3\tid1\nWhat?! No way\t0,6\tid2\n"Ugh" gross\t1\tid3\n');
    expect(readTextDataset(file)).toEqual([
      { text: 'I love it', label: 'joy' },
      { text: '"Ugh" gross', label: 'disgust' },
    ]);
    expect(readGoEmotions(file)[1]).toEqual({ text: 'What?! No way', labels: ['anger', 'surprise'], id: 'id2' });
  });

  it('refuses GoEmotions rows with an unknown label id', () => {
    write('labels.txt', 'anger\njoy\n');
    const file = write('bad.tsv', 'hello\t7\tid\n');
    expect(() => readTextDataset(file)).toThrow(/unknown label id 7/);
  });

  it('raises bad-input for a missing file or an unknown layout', () => {
    const missing = (): unknown => readTextDataset(join(dir, 'none.csv'));
    expect(missing).toThrow(AttuneError);
    expect(missing).toThrow(expect.objectContaining({ kind: 'bad-input' }) as Error);
    const headerless = write('x.tsv', 'hello\t3\tid\n');
    expect(() => readTextDataset(headerless)).toThrow(/labels.txt/);
  });
});

describe('readRatedTexts', () => {
  it("reads EmoBank's layout, keeping each row's numeric ratings", () => {
    const file = write(
      'emobank.csv',
      'id,text,valence,arousal,dominance\na,"Good news, at last.",3.9,3.1,3.2\nb,No valence here,,2.5,3\nc,,3,3,3\nd,Nothing rated,x,,3\n',
    );
    expect(readRatedTexts(file)).toEqual([
      { text: 'Good news, at last.', valence: 3.9, arousal: 3.1 },
      { text: 'No valence here', arousal: 2.5 },
    ]);
  });

  it('returns nothing for a file without rating columns', () => {
    expect(readRatedTexts(write('plain.csv', 'text,label\nhi,joy\n'))).toEqual([]);
  });
});
