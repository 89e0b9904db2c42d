/**
 * Typed messages for `analyze --text`: JSON lines of `{"t": seconds, "text": "..."}`, t in media seconds
 * from the start of the recording. Blank lines are skipped; anything else malformed names its line.
 */
import { readFile } from 'node:fs/promises';
import { AttuneError } from '../../shared/envelope';
import { inputFileError } from './file-errors';

export interface TextLine {
  /** Media time, ms. */
  t: number;
  text: string;
}

/** Parses the file's content; lines come back ordered by time (ties keep file order). */
export function parseTextLines(content: string, name = 'text file'): TextLine[] {
  const out: TextLine[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${name} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AttuneError('bad-input', `${where} is not JSON; expected {"t": seconds, "text": "..."}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new AttuneError('bad-input', `${where} is not an object; expected {"t": seconds, "text": "..."}`);
    }
    const { t, text } = value as Record<string, unknown>;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new AttuneError('bad-input', `${where}: t must be a number of seconds, 0 or more`);
    }
    if (typeof text !== 'string') throw new AttuneError('bad-input', `${where}: text must be a string`);
    out.push({ t: Math.round(t * 1000), text });
  });
  return out.sort((a, b) => a.t - b.t);
}

/** Reads and parses a JSON-lines file (small: read whole). */
export async function readTextLines(path: string): Promise<TextLine[]> {
  const content = await readFile(path, 'utf8').catch((err: unknown) => {
    throw inputFileError(path, err);
  });
  return parseTextLines(content, path);
}
