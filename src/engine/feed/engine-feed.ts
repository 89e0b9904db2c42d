/** The engine's half of the mood feed: its clients and switch, and the history it serves. */
import type { Database } from 'better-sqlite3';
import type { TimeRange } from '../../shared/api';
import type {
  FeedAuth,
  FeedClientRecord,
  FeedClientRequest,
  FeedHistoryPoint,
  FeedResolution,
  FeedState,
} from '../../shared/feed';
import type { SettingsStore } from '../store/settings';
import { FeedClientStore } from './feed-clients';
import { FeedHistory } from './feed-history';
import type { ServiceRoutes } from '../core/service-routes';

export class EngineFeed {
  private readonly clients: FeedClientStore;
  private readonly history: FeedHistory;

  constructor(deps: { db: Database; settings: SettingsStore; now: () => number; newToken?: () => string }) {
    this.clients = new FeedClientStore(deps);
    this.history = new FeedHistory(deps.db);
  }

  state(): FeedState {
    return { enabled: this.clients.enabled(), clients: this.clients.list() };
  }

  setEnabled(enabled: boolean): FeedState {
    this.clients.setEnabled(enabled);
    return this.state();
  }

  create(request: FeedClientRequest): { client: FeedClientRecord; token: string } {
    return this.clients.create(request);
  }

  revoke(id: number): FeedState {
    this.clients.revoke(id);
    return this.state();
  }

  auth(): FeedAuth {
    return this.clients.auth();
  }

  markRead(reads: { id: number; t: number }[]): void {
    this.clients.markRead(reads);
  }

  historyRange(range: TimeRange, resolution: FeedResolution): FeedHistoryPoint[] {
    return this.history.range(range.from, range.to, resolution);
  }
}

/** The mood feed's clients, switch and history: the engine requests EngineFeed answers as it stands (engine-routes.ts). */
export const FEED_ROUTES = {
  getFeedState: (feed) => feed.state(),
  setFeedSwitch: (feed, enabled) => feed.setEnabled(enabled),
  addFeedClient: (feed, request) => feed.create(request),
  removeFeedClient: (feed, id) => feed.revoke(id),
  getFeedAuth: (feed) => feed.auth(),
  markFeedRead: (feed, reads) => feed.markRead(reads),
  getFeedHistory: (feed, range, resolution) => feed.historyRange(range, resolution),
} satisfies ServiceRoutes<EngineFeed>;
