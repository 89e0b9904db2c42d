/**
 * A reference for where speech lies inside a labelled span, independent of any VAD: the first and last 10 ms
 * frame whose level (power averaged over 30 ms, so a lone click does not count) is within `rangeDb` of the
 * span's loudest frame. The timeline of the check file gives whole-clip spans, each with about a second of
 * digital silence around the sentence, so the clip edges cannot be the target; the audible extent can.
 */
export interface Extent {
  start: number;
  end: number;
}

/** `pcm` at `rate` Hz; span in seconds; `rangeDb` default 30. Null when the span is silent. */
export function speechExtent(pcm: Float32Array, rate: number, span: Extent, rangeDb = 30): Extent | null {
  const hop = Math.round(rate / 100);
  const i0 = Math.max(0, Math.round(span.start * rate));
  const i1 = Math.min(pcm.length, Math.round(span.end * rate));
  const power: number[] = [];
  for (let i = i0; i + hop <= i1; i += hop) {
    let e = 0;
    for (let j = 0; j < hop; j++) e += (pcm[i + j] ?? 0) ** 2;
    power.push(e / hop);
  }
  const level = power.map((_, k) => {
    const window = power.slice(Math.max(0, k - 1), k + 2);
    return 10 * Math.log10(window.reduce((a, b) => a + b, 0) / window.length + 1e-12);
  });
  if (level.length === 0) return null;
  const peak = Math.max(...level);
  if (peak < -80) return null;
  const first = level.findIndex((v) => v > peak - rangeDb);
  let last = level.length - 1;
  while (last > first && (level[last] ?? -Infinity) <= peak - rangeDb) last--;
  return { start: (i0 + first * hop) / rate, end: (i0 + (last + 1) * hop) / rate };
}
