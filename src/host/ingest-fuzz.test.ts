/**
 * Fuzz: 10,000 malformed bodies (broken JSON, wrong types, oversize texts, invalid UTF-8, one bad line among
 * good ones) against a real host. Every one must get a 4xx JSON answer, the host must stay up, and the
 * engine must never be asked to store anything. Seeded, so a failure can be replayed.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from './host';
import { auth, post, startIngestHost, type Posted } from './ingest.test-support';
import type { ToEngine } from '../shared/engine-protocol';
import { mulberry32 as prng } from '../engine/sim/prng';

const SEED = 0x5eed;
const BODIES = 10_000;
const PARALLEL = 16;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const INVALID_UTF8 = [
  [0x80],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80],
  [0xff],
  [0xc0, 0xaf],
  [0xe2, 0x82],
];

interface Case {
  body: Uint8Array;
  type: string;
}

function makeCase(random: () => number): Case {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (n: number): number => Math.floor(random() * n);
  const word = (): string => 'calm day tired great meh ok'.split(' ')[int(6)] + String(int(1000));
  const type = pick(['application/json', 'application/x-ndjson']);
  const good = (): string => JSON.stringify({ text: word() });
  switch (int(7)) {
    case 0: {
      // Random bytes that cannot form an object with a "text" string: no quote characters.
      const bytes = Uint8Array.from({ length: 1 + int(200) }, () => int(256)).map((b) => (b === 0x22 ? 0x20 : b));
      return { body: bytes, type };
    }
    case 1: {
      const whole = good();
      return { body: enc(whole.slice(0, int(whole.length))), type }; // any proper prefix is broken JSON
    }
    case 2: {
      // None of these is a valid text, source or time; any value under an unknown field is refused too.
      const value = pick([null, true, [], {}, ['x'], { nested: 'x' }, -1.5]);
      const field = pick(['text', 'source', 'at', 'extra']);
      const message: Record<string, unknown> = { text: word(), [field]: value };
      return { body: enc(JSON.stringify(pick([message, [message], 'text', 12]))), type };
    }
    case 3: {
      const size = random() < 0.002 ? 1_000_001 + int(50_000) : 10_001 + int(20_000);
      return { body: enc(JSON.stringify({ text: 'x'.repeat(size) })), type };
    }
    case 4: {
      const [head, tail] = [enc('{"text":"' + word()), enc(word() + '"}')];
      return { body: Uint8Array.from([...head, ...pick(INVALID_UTF8), ...tail]), type };
    }
    case 5: {
      const lines = Array.from({ length: 1 + int(20) }, good);
      lines.splice(int(lines.length + 1), 0, pick(['{"text":', '{"text":1}', '[]', 'nope', '{"at":1}']));
      return { body: enc(lines.join('\n')), type: 'application/x-ndjson' };
    }
    default:
      return {
        body: enc(good()),
        type: pick(['text/plain', 'application/xml', 'application/json; charset=latin1', '']),
      };
  }
}

describe('text endpoint fuzz', () => {
  let host: RunningHost;
  let stored: () => ToEngine[];
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });

  beforeAll(async () => {
    ({ host, stored } = await startIngestHost());
  });
  afterAll(async () => {
    agent.destroy();
    await host.close();
  });

  it(`answers ${BODIES} malformed bodies with 4xx JSON errors and stores nothing`, { timeout: 120_000 }, async () => {
    const random = prng(SEED);
    const statuses = new Map<number, number>();
    for (let done = 0; done < BODIES; done += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, BODIES - done) }, () => makeCase(random));
      const replies: Posted[] = await Promise.all(
        batch.map((c) => post(host.port, c.body, { ...auth(c.type), 'Content-Type': c.type }, { agent })),
      );
      replies.forEach((reply, i) => {
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status < 400 || reply.status >= 500) {
          throw new Error(
            `case ${done + i}: status ${reply.status} for ${Buffer.from(batch[i]!.body).toString().slice(0, 80)}`,
          );
        }
        expect(typeof (JSON.parse(reply.body) as { error: unknown }).error).toBe('string');
      });
    }
    expect(stored()).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 413, 415]));
    // Still up, and still storing good messages.
    expect((await post(host.port, '{"text":"still here"}', auth(), { agent })).status).toBe(200);
    expect(stored()).toHaveLength(1);
  });
});
