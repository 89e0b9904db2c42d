/** What every chart shares: colours read from the theme's CSS custom properties, and motion only when welcome. */
export interface ChartColors {
  text: string;
  grid: string;
  line: string;
  faint: string;
  accent: string;
  problem: string;
  ok: string;
  /** The ends of the pleasantness scale, never a mood's colour. */
  pleasant: string;
  unpleasant: string;
}

/** Theme colours from CSS custom properties, so charts follow the light and dark themes. */
export function themeColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--muted', '#5d6678'),
    grid: read('--border', '#e3e6ee'),
    line: read('--chart-line', '#8c96a8'),
    faint: read('--chart-faint', '#c3c8d2'),
    accent: read('--accent', '#3f6fd8'),
    problem: read('--problem', '#c8553d'),
    ok: read('--ok', '#2f9466'),
    pleasant: read('--heat-pos2', '#1d6f68'),
    unpleasant: read('--heat-neg2', '#8c510a'),
  };
}

const reducedMotion = (): MediaQueryList => window.matchMedia('(prefers-reduced-motion: reduce)');

/** chart.js animation options: none for people who asked for reduced motion. */
export const animation = (): false | { duration: number } => (reducedMotion().matches ? false : { duration: 250 });

/**
 * Rebuilds a chart when the colour scheme or the motion preference changes (rare; rebuilding is simpler than
 * patching every colour). Returns the function that stops watching.
 */
export function watchPreferences(rebuild: () => void): () => void {
  const queries = [reducedMotion(), window.matchMedia('(prefers-color-scheme: dark)')];
  for (const q of queries) q.addEventListener('change', rebuild);
  return () => {
    for (const q of queries) q.removeEventListener('change', rebuild);
  };
}
