/**
 * kill -9 of the host during a burst of inserts (issue 15): the real host process and its engine, texts sent
 * through the local endpoint as fast as it answers; the host is SIGKILLed mid-burst. Its engine notices the lost
 * parent and closes the database; reopened, the file is sound and every text the endpoint acknowledged is there.
 * The host's warm spare engine (models loaded, no database) goes with it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/mood';
import { ApiClient } from './api-client';
import { enginePid, enginePids, startHostProcess } from './processes';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('host killed with SIGKILL during a burst of inserts', () => {
  it('leaves a sound database holding every acknowledged text', { timeout: 240_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'attune-kill-'));
    mkdirSync(join(root, 'pages'));
    writeFileSync(join(root, 'pages', 'index.html'), '<title>x</title>');
    const host = await startHostProcess(join(root, 'data'), join(root, 'pages'));
    try {
      const api = await ApiClient.open(host.port, host.token, () => undefined);
      for (;;) {
        const status = await api.call('getStatus');
        if (status.ok && (status.value as AppStatus).engine === 'ready') break;
        await pause(50);
      }
      const info = await api.value<{ url: string; token: string }>('setIngestEnabled', true);
      const engine = enginePid(host.pid);
      // Forked as the engine became ready, before the host said so.
      const spares = enginePids(host.pid).filter((pid) => pid !== engine);
      expect(spares).toHaveLength(1);
      const acked: number[] = [];
      // Stamped ten minutes ago and counting up: within the retention period, so the history upkeep's first
      // round (a second after ready) cannot prune them as it would texts stamped years ago.
      let at = Date.now() - 10 * 60_000;
      const burst = async (): Promise<void> => {
        for (;;) {
          at += 1;
          const t = at;
          const res = await fetch(info.url, {
            method: 'POST',
            headers: { Authorization: `Bearer ${info.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: 'steady as she goes', at: t }),
          }).catch(() => null);
          if (!res) return;
          if (res.status === 200) acked.push(t);
        }
      };
      const sending = Promise.all([burst(), burst(), burst(), burst()]);
      while (acked.length < 200) await pause(10);
      host.child.kill('SIGKILL');
      await sending;
      // The orphaned engine closes the database and exits on its own.
      while (engine !== null && isAlive(engine)) await pause(50);
      for (const spare of spares) while (isAlive(spare)) await pause(50);

      const db = new Database(join(root, 'data', 'attune.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        (db.prepare("SELECT t FROM samples WHERE source = 'text'").all() as { t: number }[]).map((r) => r.t),
      );
      db.close();
      expect(acked.filter((t) => !stored.has(t))).toEqual([]);
    } finally {
      if (host.child.exitCode === null) host.child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
