/**
 * The serving side's copy of the feed's switch and client token hashes, so a read costs a hash and a map
 * look-up rather than a trip to the engine. Refetched after every change the person makes (invalidate) and
 * after the engine restarts. A request's token is hashed before the look-up, so the look-up's timing says
 * nothing useful about the stored hashes.
 */
import type { Envelope } from '../../shared/envelope';
import type { FeedAuth, FeedClientRecord } from '../../shared/feed';
import { hashToken } from './feed-token';

export type AuthClient = FeedAuth['clients'][number];

export class FeedAuthCache {
  private current: { enabled: boolean; byHash: Map<string, AuthClient>; clients: FeedClientRecord[] } | null = null;
  private loading: Promise<Envelope<FeedAuth>> | null = null;

  constructor(private readonly load: () => Promise<Envelope<FeedAuth>>) {}

  /** The cached state, fetched first when there is none; null when the engine cannot answer yet. */
  async get(): Promise<{ enabled: boolean; byHash: Map<string, AuthClient>; clients: FeedClientRecord[] } | null> {
    if (this.current) return this.current;
    // One fetch however many requests arrive while it runs.
    this.loading ??= this.load().finally(() => (this.loading = null));
    const answer = await this.loading;
    if (!answer.ok) return null;
    this.current ??= {
      enabled: answer.value.enabled,
      byHash: new Map(answer.value.clients.map((c) => [c.tokenHash, c])),
      clients: answer.value.clients.map(({ tokenHash: _hash, ...client }) => client),
    };
    return this.current;
  }

  /** The client a bearer token belongs to, if any. */
  async client(token: string | null): Promise<AuthClient | null | 'unavailable'> {
    const state = await this.get();
    if (!state) return 'unavailable';
    return token === null ? null : (state.byHash.get(hashToken(token)) ?? null);
  }

  /** Forget the cache; the next request refetches. */
  invalidate(): void {
    this.current = null;
  }

  /** The cache as it is, without fetching (for the readers count). */
  peek(): { enabled: boolean; clients: FeedClientRecord[] } | null {
    return this.current;
  }
}
