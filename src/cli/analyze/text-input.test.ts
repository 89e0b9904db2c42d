import { describe, expect, it } from 'vitest';
import { parseTextLines, readTextLines } from './text-input';
import { tempDir, writeTemp } from './test-clips';

describe('parseTextLines', () => {
  it('reads {t, text} lines to ms, skipping blanks and ordering by time', () => {
    const content = '{"t": 2.5, "text": "later"}\n\n{"t": 0, "text": "first"}\r\n{"t": 2.5, "text": "tie", "x": 1}\n';
    expect(parseTextLines(content)).toEqual([
      { t: 0, text: 'first' },
      { t: 2500, text: 'later' },
      { t: 2500, text: 'tie' },
    ]);
  });

  it('names the line of each mistake', () => {
    const bad = (content: string, message: RegExp) =>
      expect(() => parseTextLines(content, 'm.jsonl')).toThrow(
        expect.objectContaining({ kind: 'bad-input', message: expect.stringMatching(message) as unknown }),
      );
    bad('{"t":1,"text":"a"}\nnot json', /^m\.jsonl line 2 is not JSON/);
    bad('[1, 2]', /line 1 is not an object/);
    bad('{"t": -1, "text": "a"}', /line 1: t must be a number of seconds, 0 or more/);
    bad('{"t": "3", "text": "a"}', /line 1: t must be a number/);
    bad('\n\n{"t": 3}', /line 3: text must be a string/);
  });

  it('reads a file', async () => {
    const path = writeTemp(tempDir(), 'messages.jsonl', '{"t": 1, "text": "hello"}\n');
    expect(await readTextLines(path)).toEqual([{ t: 1000, text: 'hello' }]);
    await expect(readTextLines(`${path}.gone`)).rejects.toThrow(
      expect.objectContaining({ kind: 'bad-input', message: `cannot read ${path}.gone: no such file` }),
    );
  });
});
