/**
 * Fuzz (issue 15): 10,000 hostile messages on the host's API WebSocket, sent in floods of 250 — bad JSON, wrong
 * types for id/method/args, prototype keys, unknown methods, real methods with malformed arguments, binary
 * frames, and now and then a frame over the 64 KiB limit (which closes only that socket). Afterwards the host
 * answers a normal call, and the engine was never asked to do anything.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_METHODS, API_SPEC, isApiMethod, type WireMessage } from '../shared/api';
import { argsValid } from '../shared/spec';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../engine/sim/fuzz.test-support';
import { FakeEngineChild } from './fake-engine.test-support';
import { startHost, type RunningHost } from './host';

const FLOOD = 250;

function hostileMessage(fuzz: Fuzz): string | Uint8Array {
  const method = fuzz.pick<unknown>([fuzz.pick(API_METHODS), fuzz.key(), fuzz.json(1), { toString: 0 }]);
  const args = fuzz.chance(0.2) ? fuzz.json(2) : Array.from({ length: fuzz.int(4) }, () => fuzz.json(2));
  const id = fuzz.pick<unknown>([fuzz.int(1000), fuzz.json(0), '1', 1.5]);
  switch (fuzz.int(10)) {
    case 0:
      return fuzz.bytes(fuzz.int(100)); // binary frames are not calls
    case 1:
      return fuzz.string(); // mostly not JSON
    case 2:
      return JSON.stringify(fuzz.json(3)); // JSON, but rarely a call
    case 3:
      return `{"__proto__":{"id":1,"method":"getStatus"},"constructor":{"prototype":{"polluted":1}},"id":${fuzz.int(9)}}`;
    case 4:
      return fuzz.chance(0.02) ? 'x'.repeat(64 * 1024 + 1 + fuzz.int(10_000)) : JSON.stringify({ id, method, args });
    default: {
      // A real method with arguments that do not fit it (a fitting call is skipped by the caller).
      return JSON.stringify({ id: fuzz.int(1000), method: fuzz.pick(API_METHODS), args });
    }
  }
}

/** True when `message` is a call the host should carry out: not what this suite sends. */
function wellFormedCall(message: string | Uint8Array): boolean {
  if (typeof message !== 'string') return false;
  try {
    const call = JSON.parse(message) as { id?: unknown; method?: unknown; args?: unknown };
    return isApiMethod(call.method) && Array.isArray(call.args) && argsValid(API_SPEC[call.method], call.args);
  } catch {
    return false;
  }
}

describe('API WebSocket fuzz', () => {
  let host: RunningHost;
  const engine = new FakeEngineChild({});

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'attune-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
    host = await startHost({
      rendererDir,
      modelsDir: '/m',
      dbFile: ':memory:',
      spawnEngine: () => engine,
      log: () => undefined,
    });
  });
  afterAll(() => host.close());

  async function connect(): Promise<WebSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    ws.on('error', () => undefined);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return ws;
  }

  /** One getStatus on `ws`, answered after everything sent before it was read; null if the socket closed first. */
  function status(ws: WebSocket, id: number): Promise<WireMessage | null> {
    return new Promise((resolve) => {
      ws.once('close', () => resolve(null));
      ws.on('message', (d: Buffer) => {
        const msg = JSON.parse(d.toString()) as WireMessage;
        if (msg.kind === 'response' && msg.id === id) resolve(msg);
      });
      ws.send(JSON.stringify({ id, method: 'getStatus', args: [] }));
    });
  }

  it(
    `survives ${fuzzRuns()} hostile messages in floods, asking the engine nothing (seed ${FUZZ_SEED})`,
    { timeout: fuzzTimeout(3) },
    async () => {
      const fuzz = new Fuzz();
      let ws = await connect();
      await status(ws, 0); // the host's own start-up requests are done by now
      const before = engine.received.length;
      let sent = 0;
      let closed = 0;
      while (sent < fuzzRuns()) {
        for (let i = 0; i < FLOOD && sent < fuzzRuns(); i++) {
          const message = hostileMessage(fuzz);
          if (wellFormedCall(message)) continue;
          sent += 1;
          if (ws.readyState !== WebSocket.OPEN) break;
          ws.send(message);
        }
        const answer = ws.readyState === WebSocket.OPEN ? await status(ws, 1_000_000 + sent) : null;
        if (answer === null) {
          closed += 1; // an oversized frame closed it, as it should: a fresh page connects again
          ws = await connect();
          continue;
        }
        expect(answer.kind === 'response' && answer.result.ok).toBe(true);
      }
      ws.close();
      expect(closed).toBeGreaterThan(0);
      const fresh = await connect();
      expect((await status(fresh, 1))?.kind).toBe('response');
      fresh.close();
      const asked = engine.received.slice(before).flatMap((m) => (m.type === 'request' ? [m.method] : []));
      expect(asked).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
