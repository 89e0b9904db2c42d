/** Durations on the command line: `20m`, `90s`, `1h30m`, `1500ms`, `1.5h`, or plain seconds (`90`, `2.5`). */
import { AttuneError } from '../../shared/envelope';

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Units in the order they must appear; each at most once (`1h30m`, not `30m1h`). */
const ORDER = ['h', 'm', 's', 'ms'];

/** Parses `text` to milliseconds (rounded to whole ms). Throws AttuneError('bad-input') with an example. */
export function parseDuration(text: string): number {
  const s = text.trim();
  const fail = (why: string): AttuneError =>
    new AttuneError(
      'bad-input',
      `cannot read "${text}" as a duration (${why}); use e.g. 20m, 90s, 1h30m, 1500ms or 90`,
    );
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s) return fail0(fail, s);
  let ms = 0;
  let last = -1;
  for (const [, amount = '', unit = ''] of parts) {
    const rank = ORDER.indexOf(unit);
    if (rank <= last) throw fail('units must go from hours down to milliseconds, each once');
    last = rank;
    ms += Number(amount) * (UNIT_MS[unit] ?? 0);
  }
  return Math.round(ms);
}

function fail0(fail: (why: string) => AttuneError, s: string): never {
  throw fail(s === '' ? 'it is empty' : 'unknown format');
}
