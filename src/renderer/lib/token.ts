/**
 * The headless host prints a URL with `?token=…`. The token is moved out of the address bar (so it does not
 * end up in history, bookmarks or screenshots) into sessionStorage, which survives reloads of this tab only.
 */
export const TOKEN_PARAM = 'token';
export const TOKEN_STORAGE_KEY = 'attune.token';

export interface TakenToken {
  token: string | null;
  /** The page URL without the token, to pass to history.replaceState; null when the URL had none. */
  cleanedUrl: string | null;
}

export function takeToken(href: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): TakenToken {
  const url = new URL(href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works until the next reload.
    }
    url.searchParams.delete(TOKEN_PARAM);
    return { token: fromUrl, cleanedUrl: url.toString() };
  }
  let stored: string | null = null;
  try {
    stored = storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return { token: stored, cleanedUrl: null };
}

/**
 * The host's API socket for a page served at `location`. Without a token the URL has none, and the
 * host's session cookie (set on the first visit) has to do.
 */
export function hostApiUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/api${query}`;
}
