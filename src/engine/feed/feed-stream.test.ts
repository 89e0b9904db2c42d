import { describe, expect, it } from 'vitest';
import type { FeedMood } from '../../shared/feed';
import { KEEP_ALIVE_MS, MoodStreamHub, REPLAY_EVENTS, type StreamSink, type StreamTimers } from './feed-stream';

/** Timers on a hand-moved clock. */
function manualTimers() {
  let t = 0;
  let jobs: { at: number; every: number | null; fn: () => void; live: boolean }[] = [];
  const timers: StreamTimers = {
    now: () => t,
    after: (ms, fn) => {
      const job = { at: t + ms, every: null, fn, live: true };
      jobs.push(job);
      return () => (job.live = false);
    },
    every: (ms, fn) => {
      const job = { at: t + ms, every: ms, fn, live: true };
      jobs.push(job);
      return () => (job.live = false);
    },
  };
  const advance = (ms: number): void => {
    const end = t + ms;
    for (;;) {
      const due = jobs.filter((j) => j.live && j.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      t = due.at;
      if (due.every === null) due.live = false;
      else due.at += due.every;
      due.fn();
    }
    t = end;
    jobs = jobs.filter((j) => j.live);
  };
  return { timers, advance };
}

function sink(): StreamSink & { text: () => string; events: () => { id: string; event: string; data: string }[] } {
  const chunks: string[] = [];
  let ended = false;
  const s = {
    writeHead: () => s,
    write: (chunk: string) => {
      if (!ended) chunks.push(chunk);
      return true;
    },
    end: () => {
      ended = true;
      return s;
    },
    text: () => chunks.join(''),
    events: () =>
      chunks
        .join('')
        .split('\n\n')
        .filter((block) => block.startsWith('id: '))
        .map((block) => {
          const [id = '', event = '', data = ''] = block.split('\n').map((l) => l.slice(l.indexOf(': ') + 2));
          return { id, event, data };
        }),
  };
  return s as unknown as ReturnType<typeof sink>;
}

const mood = (label: FeedMood['label'], valence = 0): FeedMood => ({
  t: 0,
  label,
  confidence: 0.8,
  valence,
  arousal: 0,
  modalities: { face: { share: 1, lastAt: 0 }, voice: { share: 0, lastAt: null }, text: { share: 0, lastAt: null } },
  personal: false,
});

describe('MoodStreamHub', () => {
  it('sends a label change at once and at most one event a second otherwise, the latest mood', () => {
    const { timers, advance } = manualTimers();
    const hub = new MoodStreamHub(timers);
    const s = sink();
    hub.open(1, s, undefined);
    hub.publish(mood('happy', 0.1));
    advance(200);
    hub.publish(mood('happy', 0.2));
    advance(200);
    hub.publish(mood('happy', 0.3));
    expect(s.events().map((e) => e.data)).toHaveLength(1);
    hub.publish(mood('sad', -0.5)); // a new label: now
    expect(
      s
        .events()
        .map((e) => JSON.parse(e.data) as FeedMood)
        .map((m) => m.label),
    ).toEqual(['happy', 'sad']);
    hub.publish(mood('sad', -0.6));
    hub.publish(mood('sad', -0.7));
    advance(1_000); // the second is up: the latest of the two
    const sent = s.events().map((e) => JSON.parse(e.data) as FeedMood);
    expect(sent.map((m) => m.valence)).toEqual([0.1, -0.5, -0.7]);
    expect(s.events().map((e) => e.id)).toEqual(['1', '2', '3']);
    hub.close();
  });

  it('sends only {paused: true} while paused, and the first mood after at once', () => {
    const { timers, advance } = manualTimers();
    const hub = new MoodStreamHub(timers);
    const s = sink();
    hub.open(1, s, undefined);
    hub.publish(mood('happy'));
    hub.setPaused(true);
    hub.publish(mood('sad'));
    advance(5_000);
    expect(s.events().map((e) => e.event)).toEqual(['mood', 'paused']);
    expect(s.events()[1]?.data).toBe('{"paused":true}');
    // A client connecting while paused hears it first.
    const late = sink();
    hub.open(2, late, undefined);
    expect(late.events().map((e) => e.event)).toEqual(['paused']);
    hub.setPaused(false);
    hub.publish(mood('happy'));
    expect(s.events().map((e) => e.event)).toEqual(['mood', 'paused', 'mood']);
    hub.close();
  });

  it('replays what a reconnecting client missed, or the latest event when its id is unknown', () => {
    const { timers, advance } = manualTimers();
    const hub = new MoodStreamHub(timers);
    for (const label of ['happy', 'sad', 'angry'] as const) {
      hub.publish(mood(label));
      advance(1_000);
    }
    const resumed = sink();
    hub.open(1, resumed, '1');
    expect(resumed.events().map((e) => e.id)).toEqual(['2', '3']);
    const upToDate = sink();
    hub.open(1, upToDate, '3');
    expect(upToDate.events()).toEqual([]);
    for (const id of [undefined, '99', 'abc', '-1']) {
      const fresh = sink();
      hub.open(1, fresh, id);
      expect(fresh.events().map((e) => e.id)).toEqual(['3']);
    }
    hub.close();
  });

  it('keeps the last REPLAY_EVENTS events, ends the streams of one client, and keeps idle ones alive', () => {
    const { timers, advance } = manualTimers();
    const hub = new MoodStreamHub(timers);
    for (let i = 0; i < REPLAY_EVENTS + 10; i++) hub.publish(mood(i % 2 ? 'happy' : 'sad'));
    const old = sink();
    hub.open(1, old, '5'); // fell out of the buffer: only the latest
    expect(old.events().map((e) => e.id)).toEqual([String(REPLAY_EVENTS + 10)]);
    const other = sink();
    hub.open(2, other, String(REPLAY_EVENTS + 10));
    expect(hub.openStreams(1)).toBe(1);
    hub.endStreams(1);
    expect(hub.openStreams(1)).toBe(0);
    advance(KEEP_ALIVE_MS);
    expect(other.text()).toContain(': keep-alive\n\n');
    hub.close();
    expect(hub.size).toBe(0);
  });
});
