/** Words for the mood feed's settings card and the dashboard's readers note. Pure. */
import type { FeedScope } from '../../shared/feed';

/** "1 app is reading your mood", "2 apps are reading your mood"; null when none is. */
export function readersWords(readers: number): string | null {
  if (readers <= 0) return null;
  return readers === 1 ? '1 app is reading your mood' : `${readers} apps are reading your mood`;
}

export const SCOPE_WORDS: Record<FeedScope, string> = {
  now: 'Current mood',
  stream: 'Live updates',
  history: 'History',
};

export function scopesWords(scopes: readonly FeedScope[]): string {
  return scopes.map((s) => SCOPE_WORDS[s]).join(', ');
}

/** "Never read", "Read just now", "Read 5 min ago", "Read at 14:05" (older than an hour). */
export function lastReadWords(lastReadAt: number | null, now: number): string {
  if (lastReadAt === null) return 'Never read';
  const seconds = Math.max(0, Math.round((now - lastReadAt) / 1000));
  if (seconds < 60) return 'Read just now';
  if (seconds < 3600) return `Read ${Math.round(seconds / 60)} min ago`;
  const d = new Date(lastReadAt);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return seconds < 86_400 ? `Read at ${time}` : `Read on ${d.toLocaleDateString('en')} at ${time}`;
}
