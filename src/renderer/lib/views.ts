/** The dashboard's views and their place in the URL hash, so a view can be bookmarked and the tray can open one. */
export const VIEWS = ['live', 'today', 'trends', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<View, string> = {
  live: 'Live',
  today: 'Today',
  trends: 'Trends',
  settings: 'Settings',
};

/** The view a hash opens. The tray's `#check-in` opens Live (the check-in card lives there); anything else too. */
export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'live';
}

export const hashOf = (view: View): string => `#${view}`;

/**
 * The tab a key moves to in the tab list (WAI-ARIA tabs: arrows wrap, Home and End jump), or null for other
 * keys.
 */
export function tabForKey(current: View, key: string): View | null {
  const i = VIEWS.indexOf(current);
  const n = VIEWS.length;
  if (key === 'ArrowRight') return VIEWS[(i + 1) % n] ?? null;
  if (key === 'ArrowLeft') return VIEWS[(i - 1 + n) % n] ?? null;
  if (key === 'Home') return VIEWS[0];
  if (key === 'End') return VIEWS[n - 1] ?? null;
  return null;
}
