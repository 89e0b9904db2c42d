import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain rows and keeps line numbers, skipping blank lines', () => {
    expect(parseCsv('path,label\na.jpg,happy\n\nb.jpg,sad\n')).toEqual([
      { line: 1, fields: ['path', 'label'] },
      { line: 2, fields: ['a.jpg', 'happy'] },
      { line: 4, fields: ['b.jpg', 'sad'] },
    ]);
  });

  it('handles CRLF, a byte-order mark and a last line without newline', () => {
    expect(parseCsv('\uFEFFpath,label\r\nx.png,angry')).toEqual([
      { line: 1, fields: ['path', 'label'] },
      { line: 2, fields: ['x.png', 'angry'] },
    ]);
  });

  it('reads quoted fields with commas, quotes and newlines', () => {
    expect(parseCsv('"a, b.jpg","say ""hi""\nthere",\nnext,row\n')).toEqual([
      { line: 1, fields: ['a, b.jpg', 'say "hi"\nthere', ''] },
      { line: 3, fields: ['next', 'row'] },
    ]);
  });
});
