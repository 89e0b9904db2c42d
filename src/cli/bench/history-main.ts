/**
 * History store bench on its own (the lead wires it into `bench`):
 *
 *   npx tsx src/cli/bench/history-main.ts [--days 365] [--hours 8] [--runs 31] [--json]
 */
import { benchHistory, formatHistoryBench } from './history';

const arg = (name: string): number | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};

const result = await benchHistory({ days: arg('--days'), hoursPerDay: arg('--hours'), runs: arg('--runs') });
console.log(formatHistoryBench(result));
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
