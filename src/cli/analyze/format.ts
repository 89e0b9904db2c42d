/** `analyze`'s readable summary: where the time went by mood, and each prompt with its evidence in words. */
import type { AnalyzeOptions } from './runner';
import type { AnalyzePrompt, AnalyzeResult } from './result';

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Media seconds as m:ss (h:mm:ss past an hour). */
export function clockTime(seconds: number): string {
  const s = Math.floor(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

const minutes = (ms: number): string => `${Math.round(ms / 6000) / 10} min`;

/** One prompt in words, e.g. "12:30 sad: sad 72% of 8.5 min confident time in a 10 min window (…)". */
export function describePrompt(p: AnalyzePrompt): string {
  const e = p.evidence;
  const by = e.byModality;
  return (
    `${clockTime(p.t)} ${p.reason}: ${p.reason} for ${pct(e.share)} of ${minutes(e.evidenceMs)} of confident ` +
    `time in a ${minutes(e.to - e.from)} window (needs ${pct(e.shareThreshold)} of at least ` +
    `${minutes(e.minEvidenceMs)}, confidence ≥ ${e.confidenceThreshold}); ` +
    `face ${pct(by.face)}, voice ${pct(by.voice)}, text ${pct(by.text)}`
  );
}

export function formatAnalyzeText(result: AnalyzeResult, options: AnalyzeOptions): string {
  const s = result.summary;
  const lines = [
    `analyzed ${clockTime(s.mediaSeconds)} of media in ${s.wallSeconds.toFixed(1)} s (${s.speed}× real time): ` +
      `${s.framesAnalysed} frames, ${s.audioSeconds.toFixed(1)} s of audio, ${s.textMessages} messages`,
    'mood (share of seconds):',
  ];
  const shares = Object.entries(s.byLabel).sort((a, b) => b[1] - a[1]);
  for (const [label, share] of shares) {
    lines.push(`  ${label.padEnd(10)} ${pct(share).padStart(4)}  ${'#'.repeat(Math.round(share * 40))}`);
  }
  if (shares.length === 0) lines.push('  (no whole second of media)');
  if (!options.prompts) lines.push('prompts: off (add --prompts to let the engine raise them)');
  else {
    lines.push(`prompts: ${result.prompts.length}`);
    for (const p of result.prompts) lines.push(`  ${describePrompt(p)}`);
  }
  return `${lines.join('\n')}\n`;
}
