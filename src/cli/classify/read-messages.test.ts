import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readDelimited, readJsonLines, readMessages } from './read-messages';

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'attune-classify-')), name);
  writeFileSync(path, content);
  return path;
}

describe('readMessages', () => {
  it('reads a CSV by its header and reports rows without the column or with an empty text', () => {
    const csv = 'id,text\n1,"hello, world"\n2\n3,""\n4,"two\nlines"\n';
    expect(readDelimited(csv, 'csv', 'text', false)).toEqual({
      messages: [
        { line: 2, text: 'hello, world' },
        { line: 5, text: 'two\nlines' },
      ],
      bad: [
        { line: 3, reason: 'only 1 column(s)' },
        { line: 4, reason: 'empty text' },
      ],
      layout: 'CSV, column "text"',
    });
  });

  it("reads GoEmotions' headerless TSV (text, label ids, id) with bare quotes as they are", () => {
    const tsv = 'I "love" it\t17\teeb1\nso sad :(\t25,3\teeb2\n';
    const read = readDelimited(tsv, 'tsv', 'text', false);
    expect(read.messages).toEqual([
      { line: 1, text: 'I "love" it' },
      { line: 2, text: 'so sad :(' },
    ]);
    expect(read.layout).toBe('TSV without a header, column 1');
  });

  it('takes --column N as a 1-based column of a file without a header', () => {
    expect(readDelimited('a,first\nb,second\n', 'csv', '2', true).messages.map((m) => m.text)).toEqual([
      'first',
      'second',
    ]);
  });

  it('refuses a file without the named column, naming the columns it has', () => {
    expect(() => readDelimited('id,body\n1,x\n', 'csv', 'text', false)).toThrow(/no column "text".*id, body/);
    expect(() => readDelimited('a\t1\n', 'tsv', 'message', true)).toThrow(/--column/);
  });

  it('reads JSON Lines and skips lines that are not objects with a string field', () => {
    const jsonl = '{"text":"good"}\n\nnot json\n[1]\n{"text":3}\n{"body":"x"}\n{"text":"fine"}\r\n';
    expect(readJsonLines(jsonl, 'text')).toEqual({
      messages: [
        { line: 1, text: 'good' },
        { line: 7, text: 'fine' },
      ],
      bad: [
        { line: 3, reason: 'not valid JSON' },
        { line: 4, reason: 'not a JSON object' },
        { line: 5, reason: 'no string field "text"' },
        { line: 6, reason: 'no string field "text"' },
      ],
      layout: 'JSON Lines, field "text"',
    });
  });

  it('tells the format by extension, else by the first line', () => {
    expect(detectFormat('a.jsonl', '')).toBe('jsonl');
    expect(detectFormat('a.TSV', 'x,y')).toBe('tsv');
    expect(detectFormat('a.txt', '{"text":"x"}')).toBe('jsonl');
    expect(detectFormat('a.txt', 'x\ty')).toBe('tsv');
    expect(detectFormat('a.txt', 'x,y')).toBe('csv');
  });

  it('reports a row of invalid UTF-8 instead of classifying replacement characters', () => {
    const bytes = Buffer.concat([Buffer.from('text\nok\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const read = readMessages(file('bad.csv', bytes));
    expect(read.messages).toEqual([{ line: 2, text: 'ok' }]);
    expect(read.bad).toEqual([{ line: 3, reason: 'not valid UTF-8' }]);
  });

  it('refuses a file it cannot read with bad-input', () => {
    expect(() => readMessages(join(tmpdir(), 'attune-no-such-file.csv'))).toThrow(/cannot read/);
  });
});
