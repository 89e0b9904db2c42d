/**
 * `attune soak`: the real host process (src/host/main.ts) and the engine it forks, driven over their real
 * sockets with synthetic frames, audio and texts on the engine's test clock, so an hour of use takes minutes.
 * Optionally SIGKILLs the engine at a wall-clock interval and measures how long the host takes to bring it back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { CaptureTarget } from '../../shared/api';
import { AttuneError } from '../../shared/envelope';
import type { AppStatus } from '../../shared/mood';
import { ApiClient } from './api-client';
import { CaptureClient } from './capture-client';
import { CHUNK_MS, SoakMedia } from './media';
import type { SoakOptions } from './options';
import { enginePid, enginePids, rssMB, startHostProcess, type HostProcess } from './processes';
import { median, type SoakReport } from './report';

/** A text through the local endpoint every this many simulated seconds. */
const TEXT_EVERY_S = 10;
/** The engine's clock is moved every this many simulated seconds (it lives every second's beat either way). */
const ADVANCE_EVERY_S = 1;
/** How long the engine may take to (re)start before the soak gives up, ms (generous: a loaded machine is slow). */
const READY_TIMEOUT_MS = 300_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(options: SoakOptions, progress: (line: string) => void): Promise<SoakReport> {
  const root = mkdtempSync(join(tmpdir(), 'attune-soak-'));
  const rendererDir = join(root, 'pages');
  const dataDir = join(root, 'data');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune soak</title>');
  const host = await startHostProcess(dataDir, rendererDir);
  try {
    const soak = new Soak(host, options, progress);
    await soak.run();
    return await soak.finish(join(dataDir, 'attune.sqlite'));
  } finally {
    if (host.child.exitCode === null) host.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

class Soak {
  private api!: ApiClient;
  private capture: CaptureClient | null = null;
  private readonly media = new SoakMedia();
  /** `source:t` of every sample the engine reported as committed. */
  private readonly acked = new Set<string>();
  private frames = 0;
  private readonly restarts: number[] = [];
  private restarting: Promise<void> | null = null;
  private rss = { start: 0, end: 0, max: 0 };
  /** The most a warm spare engine (any engine but the serving one) held, MB. */
  private spareMax = 0;
  /** A kill waiting for its restart: the host must announce the engine down, then ready again. */
  private restartWatch: { sawDown: boolean; back: (at: number) => void } | null = null;
  private ingest: { url: string; token: string } | null = null;
  private readonly origin: string;
  /** A restart that never came: reported when the soak ends rather than thrown from a timer. */
  private failure: Error | null = null;
  /** Memory samples taken without the engine (restarting, or not found): printed so a host-only figure shows. */
  rssMissed = 0;

  constructor(
    private readonly host: HostProcess,
    private readonly options: SoakOptions,
    private readonly progress: (line: string) => void,
  ) {
    this.origin = `http://127.0.0.1:${host.port}`;
  }

  async run(): Promise<void> {
    this.api = await ApiClient.open(this.host.port, this.host.token, (event, payload) => this.onEvent(event, payload));
    await this.waitReady();
    const info = await this.api.value<{ url: string | null; token: string }>('setIngestEnabled', true);
    if (info.url) this.ingest = { url: info.url, token: info.token };
    const sampler = setInterval(() => this.sampleRss(), 1000);
    const killer = this.options.killEveryMs ? setInterval(() => this.kill(), this.options.killEveryMs) : null;
    try {
      await this.feed();
    } finally {
      clearInterval(sampler);
      if (killer) clearInterval(killer);
    }
    await this.restarting;
    if (this.failure) throw this.failure;
    if (this.options.killEveryMs !== null && this.restarts.length === 0) {
      this.progress('soak: the media ran out before the first kill; give more --minutes than the kill interval');
    }
    this.rss.end = this.sampleRss();
    if (this.rssMissed > 0) this.progress(`soak: ${this.rssMissed} memory samples lacked the engine (host only)`);
  }

  private async feed(): Promise<void> {
    const seconds = Math.round(this.options.minutes * 60);
    const warmUpS = Math.min(60, Math.floor(seconds / 2));
    const { fps } = this.options;
    const simStart = await this.clockNow();
    // With kills, a simulated second takes at least a wall second, so the kills fall inside the run (5 minutes with
    // a kill every 20 s restart the engine about 15 times); without, media goes as fast as the engine takes it.
    const paced = this.options.killEveryMs !== null;
    const wallStart = performance.now();
    for (let s = 0; s < seconds; s++) {
      const base = simStart + s * 1000;
      if (!this.capture?.open) await this.reconnect(base);
      for (let k = 0; k < fps; k++) {
        if (await this.send(this.media.frame(base + Math.floor((k * 1000) / fps)))) this.frames += 1;
      }
      for (let ms = 0; ms < 1000; ms += CHUNK_MS) await this.send(this.media.audio(s * 1000 + ms, base + ms));
      if (s % TEXT_EVERY_S === 0) await this.text(s / TEXT_EVERY_S, base);
      // The engine lives each second's beat (prompts, the fused 1 Hz history, upkeep) as it advances its clock.
      if ((s + 1) % ADVANCE_EVERY_S === 0 || s + 1 === seconds) {
        const target = simStart + (s + 1) * 1000;
        if ((await this.advanceTo(target)) === null) await this.reconnect(target);
      }
      if (paced) await pause(wallStart + (s + 1) * 1000 - performance.now());
      if (s + 1 === warmUpS) this.rss.start = this.sampleRss();
      if ((s + 1) % 60 === 0)
        this.progress(`soak: minute ${(s + 1) / 60} fed, ${this.acked.size} samples acknowledged`);
    }
  }

  private onEvent(event: string, payload: unknown): void {
    if (event === 'status') this.watchRestart((payload as AppStatus).engine, performance.now());
    const p = payload as { t?: number; probs?: unknown; startMs?: number };
    // Both are sent only after their row is committed (engine.ts stores, then announces).
    if (event === 'face' && p.probs && typeof p.t === 'number') this.acked.add(`face:${p.t}`);
    if (event === 'voice' && typeof p.startMs === 'number') this.acked.add(`voice:${Math.round(p.startMs)}`);
  }

  private async send(bytes: Uint8Array): Promise<boolean> {
    return this.capture ? this.capture.send(bytes) : false;
  }

  private async text(i: number, at: number): Promise<void> {
    if (!this.ingest) return;
    const res = await fetch(this.ingest.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.ingest.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: this.media.text(i), at }),
    }).catch(() => null);
    // 200 means the engine committed it; anything else (the engine restarting) is simply not counted.
    if (res?.status === 200) this.acked.add(`text:${at}`);
    await res?.arrayBuffer();
  }

  /** Moves the engine's test clock by `ms`; its new time, or null when the engine is not there to answer. */
  private async advance(ms: number): Promise<number | null> {
    const url = `${this.origin}/test/advance-clock?ms=${ms}&token=${encodeURIComponent(this.host.token)}`;
    const res = await fetch(url, { method: 'POST' }).catch(() => null);
    if (!res) return null;
    const body = (await res.json()) as { ok: boolean; value?: number };
    return body.ok && typeof body.value === 'number' ? body.value : null;
  }

  /** Moves the engine's clock forward to `target` (never back); its new time, or null when it is not there. */
  private async advanceTo(target: number): Promise<number | null> {
    const now = await this.advance(0);
    if (now === null || now >= target) return now;
    return this.advance(target - now);
  }

  private async clockNow(): Promise<number> {
    const now = await this.advance(0);
    if (now === null) throw new AttuneError('engine-unavailable', 'the engine did not report its clock');
    return now;
  }

  /** After a restart: waits for the engine, brings its fresh clock up to the soak's time and reconnects. */
  private async reconnect(simNow: number): Promise<void> {
    this.capture?.close();
    this.capture = null;
    for (;;) {
      await this.waitReady();
      if ((await this.advanceTo(simNow)) !== null) {
        const target = await this.api.value<CaptureTarget>('getCaptureTarget').catch(() => null);
        if (target?.kind === 'websocket') {
          this.capture = await CaptureClient.open(target.url, this.origin).catch(() => null);
          if (this.capture) return;
        }
      }
      await pause(20);
    }
  }

  private async waitReady(): Promise<void> {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    while (performance.now() < deadline) {
      const status = await this.api.call('getStatus');
      if (status.ok && (status.value as AppStatus).engine === 'ready') return;
      await pause(20);
    }
    throw new AttuneError('engine-unavailable', `the engine was not ready within ${READY_TIMEOUT_MS / 1000} s`);
  }

  private kill(): void {
    if (this.restarting) return; // still coming back from the last kill
    const pid = enginePid(this.host.pid);
    if (pid === null) return;
    const back = new Promise<number>((resolve) => (this.restartWatch = { sawDown: false, back: resolve }));
    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');
    this.restarting = this.timeRestart(back, killedAt)
      .catch((err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => (this.restarting = null));
  }

  /**
   * Back means: the host announced the engine down (it saw the exit) and then ready again, timed when that
   * announcement arrives. Watching the announcements rather than polling: a spare takes over in tens of ms, and
   * a poll could read the old `ready` before the host noticed the kill.
   */
  private async timeRestart(back: Promise<number>, killedAt: number): Promise<void> {
    const timeout = pause(READY_TIMEOUT_MS).then(() => null);
    const at = await Promise.race([back, timeout]);
    this.restartWatch = null;
    if (at === null) throw new AttuneError('engine-unavailable', 'no restart');
    const ms = at - killedAt;
    this.restarts.push(ms);
    this.progress(`soak: engine killed and back in ${ms.toFixed(0)} ms`);
  }

  private watchRestart(engine: AppStatus['engine'], at: number): void {
    const watch = this.restartWatch;
    if (!watch) return;
    if (engine !== 'ready') watch.sawDown = true;
    else if (watch.sawDown) watch.back(at);
  }

  /**
   * Host + every engine process's RSS (a warm spare included: it is memory the app holds), MB; `rssMissed` counts
   * samples where no engine could be found (host only).
   */
  private sampleRss(): number {
    const serving = enginePid(this.host.pid);
    const servingMB = serving === null ? 0 : rssMB(serving);
    let enginesMB = 0;
    for (const pid of enginePids(this.host.pid)) enginesMB += pid === serving ? servingMB : rssMB(pid);
    // A killed engine the host has not reaped yet is still the oldest (and holds nothing): the fresh engine
    // beside it is no spare, so spares are only counted while the serving engine is alive.
    if (servingMB > 0) this.spareMax = Math.max(this.spareMax, enginesMB - servingMB);
    if (enginesMB === 0) this.rssMissed += 1;
    const total = rssMB(this.host.pid) + enginesMB;
    this.rss.max = Math.max(this.rss.max, total);
    return total;
  }

  /** Stops the host as Ctrl+C would, then checks the database it leaves. */
  async finish(dbFile: string): Promise<SoakReport> {
    this.capture?.close();
    this.api.close();
    this.host.child.kill('SIGINT');
    const code = await Promise.race([this.host.exited, pause(30_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') throw new AttuneError('internal', 'the host did not stop within 30 s of SIGINT');
    const db = new Database(dbFile, { readonly: true });
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .join('; ');
      const stored = new Set(
        (db.prepare('SELECT source, t FROM samples').all() as { source: string; t: number }[]).map(
          (r) => `${r.source}:${r.t}`,
        ),
      );
      let lost = 0;
      for (const key of this.acked) if (!stored.has(key)) lost += 1;
      const samplesStored = (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
      return {
        minutes: this.options.minutes,
        frames: this.frames,
        samplesStored,
        samplesLost: lost,
        engineRestarts: this.restarts.length,
        restartMs: { median: median(this.restarts), max: Math.max(0, ...this.restarts) },
        rssMB: this.rss,
        spareRssMB: this.spareMax,
        rssGrowthPct: this.rss.start > 0 ? ((this.rss.end - this.rss.start) / this.rss.start) * 100 : 0,
        integrity,
      };
    } finally {
      db.close();
    }
  }
}
