/**
 * The renderer's mood-feed calls: the engine keeps the clients and the switch, the side serving the feed adds
 * its address and who is reading, and must refetch the token hashes after every change.
 */
import type { ApiHandlers } from '../shared/api';
import { unwrap, type EngineRequester } from './engine-forwards';
import type { FeedClientRecord, FeedState, MoodFeedInfo } from '../shared/feed';

export type FeedMethod = 'getMoodFeed' | 'setMoodFeedEnabled' | 'createFeedClient' | 'revokeFeedClient';

/** What the app's feed server offers the handlers (MoodFeed in src/engine/feed). Absent: no feed served. */
export interface FeedServing {
  /** e.g. http://127.0.0.1:PORT/v1/mood, or null while there is no server. */
  url(): string | null;
  /** Refetch the token hashes and end streams that lost their access. */
  invalidate(): Promise<void>;
  describe(records: readonly FeedClientRecord[]): Pick<MoodFeedInfo, 'clients' | 'readers'>;
}

type FeedHandlers = {
  [M in FeedMethod]: (...args: Parameters<ApiHandlers[M]>) => Promise<Awaited<ReturnType<ApiHandlers[M]>>>;
};

export function feedHandlers(engine: EngineRequester, serving?: FeedServing): FeedHandlers {
  const info = (state: FeedState): MoodFeedInfo => {
    const described = serving?.describe(state.clients) ?? {
      clients: state.clients.map((c) => ({ ...c, connected: false })),
      readers: 0,
    };
    return { enabled: state.enabled, url: serving?.url() ?? null, ...described };
  };
  const changed = async <T>(value: T): Promise<T> => {
    await serving?.invalidate();
    return value;
  };
  return {
    getMoodFeed: async () => info(unwrap(await engine.request('getFeedState'))),
    setMoodFeedEnabled: async (enabled) => info(await changed(unwrap(await engine.request('setFeedSwitch', enabled)))),
    createFeedClient: async (request) => {
      const { client, token } = await changed(unwrap(await engine.request('addFeedClient', request)));
      const [described] = serving?.describe([client]).clients ?? [{ ...client, connected: false }];
      return { client: described ?? { ...client, connected: false }, token };
    },
    revokeFeedClient: async (id) => info(await changed(unwrap(await engine.request('removeFeedClient', id)))),
  };
}
