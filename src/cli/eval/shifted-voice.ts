/**
 * A shifted copy of RAVDESS: a second voice domain for choosing and checking the personal model's voice tuning
 * (resources/models/PERSONAL-MODEL.md, "Voice: class offsets"). Each actor gets their own condition, as if
 * recorded elsewhere: pitch −300…+300 cents, spoken at 0.88 of the pace, a room (sox reverb 20…70), a level 4…14 dB
 * lower and telephone-like band limits (100–3800 Hz). Deterministic (sox -R: repeatable dither); needs sox.
 *
 *   npx tsx src/cli/eval/shifted-voice.ts ../shared/datasets/ravdess tmp/ravshift [FIRST_ACTOR LAST_ACTOR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttuneError } from '../../shared/envelope';
import { csvCell, parseCsv } from './csv';

/** The sox effects for actor `actor` (1-based), in order. */
export function shiftFor(actor: number): string[] {
  const pitch = ((actor % 5) - 2) * 150;
  const gain = -4 - (actor % 3) * 5;
  const room = 20 + (actor % 3) * 25;
  return ['pitch', `${pitch}`, 'tempo', '0.88', 'reverb', `${room}`, 'gain', `${gain}`, 'sinc', '100-3800'];
}

/**
 * Writes the shifted copy of `ravdess` (a folder with labels.csv: path,label,actor,…) for actors `first`…`last`
 * into `out`, with its own labels.csv (same columns); returns the number of files written.
 */
export function writeShiftedCopy(ravdess: string, out: string, first = 1, last = 24): number {
  const [header, ...rows] = parseCsv(readFileSync(join(ravdess, 'labels.csv'), 'utf8')).map((r) => r.fields);
  const columns = header ?? [];
  const pathAt = columns.indexOf('path');
  const actorAt = columns.indexOf('actor');
  if (pathAt < 0 || actorAt < 0)
    throw new AttuneError('bad-input', `${ravdess}/labels.csv needs path and actor columns`);
  const kept: string[][] = [];
  for (const cells of rows) {
    const path = cells[pathAt] ?? '';
    const actor = Number(cells[actorAt]);
    if (!(actor >= first && actor <= last)) continue;
    mkdirSync(dirname(join(out, path)), { recursive: true });
    const sox = spawnSync('sox', ['-R', '-q', join(ravdess, path), join(out, path), ...shiftFor(actor)], {
      stdio: 'pipe',
    });
    if (sox.error)
      throw new AttuneError('bad-input', `sox could not run (apt-get install -y sox): ${sox.error.message}`);
    if (sox.status !== 0) throw new Error(`sox failed on ${path}: ${sox.stderr.toString().trim()}`);
    kept.push(cells);
  }
  mkdirSync(out, { recursive: true });
  const line = (cells: readonly string[]): string => cells.map(csvCell).join(',');
  writeFileSync(join(out, 'labels.csv'), [columns, ...kept].map(line).join('\n') + '\n');
  return kept.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [ravdess, out, first, last] = process.argv.slice(2);
  if (!ravdess || !out) {
    console.error('usage: shifted-voice.ts <ravdess dir> <out dir> [first actor] [last actor]');
    process.exit(2);
  }
  const n = writeShiftedCopy(ravdess, out, first ? Number(first) : 1, last ? Number(last) : 24);
  console.log(`wrote ${n} files to ${out}`);
}
