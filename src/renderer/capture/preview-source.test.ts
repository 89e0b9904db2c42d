import { describe, expect, it } from 'vitest';
import { watchPreview, type PreviewDeps, type PreviewFeed } from './preview-source';

interface FakeStream {
  name: string;
  stopped: number;
  getTracks(): { stop(): void }[];
}

function fakeStream(name: string): FakeStream {
  const stream: FakeStream = {
    name,
    stopped: 0,
    getTracks: () => [{ stop: () => (stream.stopped += 1) }],
  };
  return stream;
}

/** A getUserMedia whose answer the test gives by hand. */
function deferred(): {
  open: () => Promise<FakeStream>;
  resolve: (s: FakeStream) => void;
  reject: (e: unknown) => void;
} {
  let resolve: (s: FakeStream) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<FakeStream>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let opened = 0;
  return {
    open: () => {
      opened += 1;
      if (opened > 1) throw new Error('opened twice');
      return promise;
    },
    resolve,
    reject,
  };
}

const feedNames = (feeds: PreviewFeed<FakeStream>[]): string[] =>
  feeds.map((f) =>
    f.kind === 'live' ? `live ${f.stream.name}` : f.kind === 'problem' ? `problem ${f.state}` : f.kind,
  );

/** Lets the settled getUserMedia promise's callbacks run (a few microtask turns, no timers). */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

describe('watchPreview on the capture page', () => {
  it('shares the capture stream, follows it, and never stops it', () => {
    const shared: { listener: (s: FakeStream | null) => void } = { listener: () => undefined };
    let unsubscribed = false;
    const camera = fakeStream('capture');
    const deps: PreviewDeps<FakeStream> = {
      capturePage: () => true,
      onShared: (listener) => {
        shared.listener = listener;
        listener(null);
        return () => (unsubscribed = true);
      },
      open: () => Promise.reject(new Error('must not open a second camera')),
    };
    const feeds: PreviewFeed<FakeStream>[] = [];
    const stop = watchPreview(deps, (f) => feeds.push(f));
    shared.listener(camera);
    shared.listener(null);
    stop();
    expect(feedNames(feeds)).toEqual(['opening', 'live capture', 'opening']);
    expect(unsubscribed).toBe(true);
    expect(camera.stopped).toBe(0);
  });
});

describe('watchPreview on another page', () => {
  const ownDeps = (open: () => Promise<FakeStream>): PreviewDeps<FakeStream> => ({
    capturePage: () => false,
    onShared: () => {
      throw new Error('not the capture page');
    },
    open,
  });

  it('opens its own stream while shown and stops its tracks when hidden', async () => {
    const gum = deferred();
    const feeds: PreviewFeed<FakeStream>[] = [];
    const stop = watchPreview(ownDeps(gum.open), (f) => feeds.push(f));
    const own = fakeStream('own');
    gum.resolve(own);
    await flush();
    expect(feedNames(feeds)).toEqual(['opening', 'live own']);
    expect(own.stopped).toBe(0);
    stop();
    expect(own.stopped).toBe(1);
  });

  it('stops a stream that opens after the preview was hidden, and says nothing more', async () => {
    const gum = deferred();
    const feeds: PreviewFeed<FakeStream>[] = [];
    const stop = watchPreview(ownDeps(gum.open), (f) => feeds.push(f));
    stop();
    const late = fakeStream('late');
    gum.resolve(late);
    await flush();
    expect(late.stopped).toBe(1);
    expect(feedNames(feeds)).toEqual(['opening']);
  });

  it('names the problem when the camera cannot be opened', async () => {
    const gum = deferred();
    const feeds: PreviewFeed<FakeStream>[] = [];
    watchPreview(ownDeps(gum.open), (f) => feeds.push(f));
    gum.reject(Object.assign(new Error('in use'), { name: 'NotReadableError' }));
    await flush();
    expect(feedNames(feeds)).toEqual(['opening', 'problem busy']);
  });
});
