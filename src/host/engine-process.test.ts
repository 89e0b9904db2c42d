/**
 * The real engine process, forked as the headless host forks it: init, a real camera frame over its
 * capture socket, a face event back, a text read by the text model, numbers in SQLite, a clean shutdown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SMILING_SHOTS, sampleFrame } from '../cli/media/sample-frames';
import { encodeFrame, type FromEngine } from '../shared/engine-protocol';
import { DEFAULT_MODELS_DIR } from './host';
import { forkEngine } from './node-engine';

/** Collects the engine's messages; `waitFor` resolves on the first (past or future) one that matches. */
class Inbox {
  private readonly messages: FromEngine[] = [];
  private waiters: { test: (m: FromEngine) => boolean; resolve: (m: FromEngine) => void }[] = [];

  push(message: FromEngine): void {
    this.messages.push(message);
    const still = this.waiters.filter((w) => !w.test(message));
    for (const w of this.waiters) if (!still.includes(w)) w.resolve(message);
    this.waiters = still;
  }

  waitFor(test: (m: FromEngine) => boolean): Promise<FromEngine> {
    const found = this.messages.find(test);
    return found ? Promise.resolve(found) : new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  find(test: (m: FromEngine) => boolean): FromEngine | undefined {
    return this.messages.find(test);
  }
}

describe('engine process', () => {
  it('loads the models, analyses a frame from its capture socket, stores numbers and shuts down', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'attune-engine-')), 'attune.sqlite');
    const child = forkEngine();
    const inbox = new Inbox();
    child.onMessage((m) => inbox.push(m));
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    const wait = (test: (m: FromEngine) => boolean): Promise<FromEngine> => inbox.waitFor(test);

    child.send({
      type: 'init',
      seq: 1,
      config: {
        modelsDir: DEFAULT_MODELS_DIR,
        dbFile,
        captureSocket: { token: 't0k3n' },
        threads: 1,
        sqliteBinding: null,
      },
    });
    const ready = await wait((m) => m.type === 'ready' || m.type === 'fatal');
    expect(ready.type).toBe('ready');
    if (ready.type !== 'ready' || ready.capturePort === null) throw new Error('no capture port');

    const socket = new WebSocket(`ws://127.0.0.1:${ready.capturePort}/capture?token=t0k3n`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const frame = sampleFrame(SMILING_SHOTS[0]!);
    socket.send(
      encodeFrame({ type: 'frame', seq: 1, t: Date.now(), width: frame.width, height: frame.height }, frame.data),
    );
    const face = await wait((m) => m.type === 'event' && m.name === 'face');
    expect(face.type === 'event' && face.name === 'face' && face.payload.faceCount).toBeGreaterThan(0);
    socket.close();

    child.send({ type: 'request', seq: 2, method: 'countSamples', args: [] });
    const count = await wait((m) => m.type === 'response' && m.replyTo === 2);
    expect(count.type === 'response' && count.result).toEqual({ ok: true, value: 2 });

    // The text model is loaded too: a text becomes one more 'text' sample.
    child.send({ type: 'request', seq: 3, method: 'addTexts', args: [[{ text: 'What a wonderful day!' }]] });
    const texts = await wait((m) => m.type === 'response' && m.replyTo === 3);
    expect(texts.type === 'response' && texts.result).toEqual({ ok: true, value: 1 });

    child.send({ type: 'shutdown', seq: 4 });
    expect(await exited).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n).toBe(3);
    expect(db.prepare("SELECT label FROM samples WHERE source = 'text'").all()).toEqual([{ label: 'happy' }]);
    db.close();
  });

  it('serves the local text endpoint itself when asked (Electron), storing only what the token allows', async () => {
    const child = forkEngine();
    const inbox = new Inbox();
    child.onMessage((m) => inbox.push(m));
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    const config = { modelsDir: DEFAULT_MODELS_DIR, dbFile: ':memory:', captureSocket: null, threads: 1 };
    child.send({ type: 'init', seq: 1, config: { ...config, sqliteBinding: null, ingestServer: true } });
    const ready = await inbox.waitFor((m) => m.type === 'ready' || m.type === 'fatal');
    if (ready.type !== 'ready' || ready.ingestPort === null) throw new Error('no ingest port');

    child.send({ type: 'request', seq: 2, method: 'setIngestSwitch', args: [true] });
    const settings = await inbox.waitFor((m) => m.type === 'response' && m.replyTo === 2);
    const token =
      settings.type === 'response' && settings.result.ok ? (settings.result.value as { token: string }).token : '';
    const post = (auth: string): Promise<Response> =>
      fetch(`http://127.0.0.1:${ready.ingestPort}/v1/text`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'So glad this worked out!' }),
      });
    expect((await post('wrong')).status).toBe(401);
    expect((await post(token)).status).toBe(200);

    // Only the accepted text is stored as a 'text' sample (beside it, the fused mood it moved).
    child.send({ type: 'request', seq: 3, method: 'getSamples', args: [{ from: 0, to: Date.now() + 60_000 }, 'text'] });
    const stored = await inbox.waitFor((m) => m.type === 'response' && m.replyTo === 3);
    expect(stored.type === 'response' && stored.result.ok && (stored.result.value as unknown[]).length).toBe(1);
    child.send({ type: 'shutdown', seq: 4 });
    expect(await exited).toBe(0);
  });

  // Issue 15: missing models are not fatal any more (that only restarted into the same failure); the engine starts,
  // names them in a typed 'problems' event, and serves what it can.
  it('starts without missing models, naming each as a typed problem, and shuts down cleanly', async () => {
    const child = forkEngine();
    const inbox = new Inbox();
    child.onMessage((m) => inbox.push(m));
    const exited = new Promise<number | null>((resolve) => child.onExit(resolve));
    child.send({
      type: 'init',
      seq: 1,
      config: { modelsDir: '/nonexistent', dbFile: ':memory:', captureSocket: null, threads: 1, sqliteBinding: null },
    });
    await inbox.waitFor((m) => m.type === 'ready');
    const problems = inbox.find((m) => m.type === 'event' && m.name === 'problems');
    expect(problems?.type === 'event' && problems.name === 'problems' && problems.payload.map((p) => p.kind)).toEqual([
      'model-missing',
      'model-missing',
      'model-missing',
    ]);
    expect(inbox.find((m) => m.type === 'fatal')).toBeUndefined();
    child.send({ type: 'shutdown', seq: 2 });
    expect(await exited).toBe(0);
  });
});
