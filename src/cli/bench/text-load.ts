/**
 * Bounded load check for text evidence (not a test): engine cost per message and messages per second
 * through POST /v1/text on loopback (see src/cli/bench/text.ts; `npm run bench` runs a smaller one).
 *
 *   npx tsx src/cli/bench/text-load.ts [--messages 20000] [--batch 1000] [--parallel 8]
 */
import { benchText } from './text';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1] ?? fallback) : fallback;
};

const result = await benchText({
  messages: arg('--messages', 20_000),
  batch: arg('--batch', 1_000),
  parallel: arg('--parallel', 8),
});
for (const line of result.lines) console.log(line);
