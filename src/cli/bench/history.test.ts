import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fixedOffset } from '../../shared/history';
import { benchHistory, formatHistoryBench } from './history';

const benchDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('attune-bench-history-'));

describe('benchHistory', () => {
  it('measures inserts and every dashboard query on a small history, then removes its file', async () => {
    const before = new Set(benchDirs());
    const result = await benchHistory({ days: 2, hoursPerDay: 1, runs: 7, calendar: fixedOffset(0) });
    expect(result.samples).toBe(2 * 3600);
    expect(result.insert.batches).toBe(2);
    expect(result.insert.perSecond.median).toBeGreaterThan(0);
    expect(result.refresh.minutes).toBe(2 * 60);
    expect(Object.keys(result.queries)).toHaveLength(8);
    for (const summary of Object.values(result.queries)) expect(summary.n).toBe(7);
    expect(formatHistoryBench(result)).toMatch(/samples\/s/);
    expect(benchDirs().filter((d) => !before.has(d))).toEqual([]);
  });
});
