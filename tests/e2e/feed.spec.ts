import { expect, test } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DashboardPage } from './support/dashboard-page';
import { hostForThisFile } from './support/host-fixture';

// As in privacy.spec.ts: the host and its engine run with the network guard, which writes down any use of the
// network beyond loopback; the mood feed must add none.
const NET_LOG = join(mkdtempSync(join(tmpdir(), 'attune-net-')), 'net.log');
writeFileSync(NET_LOG, '');
const GUARD = join(import.meta.dirname, 'support', 'net-guard.mjs');
const host = hostForThisFile({ env: { NODE_OPTIONS: `--import ${GUARD}`, ATTUNE_NET_LOG: NET_LOG } });
const shot = (name: string): string => join('test-results', 'screenshots', `${name}.png`);
const run = promisify(execFile);

/** The example clients, run as a developer would, with the address and token from Settings. */
function exampleEnv(url: string, token: string): NodeJS.ProcessEnv {
  return { ...process.env, ATTUNE_FEED_URL: url, ATTUNE_FEED_TOKEN: token, NODE_OPTIONS: '' };
}

test('apps read the mood feed: created in Settings, follow the label, counted, revoked', async ({ page }) => {
  test.setTimeout(180_000);
  const dashboard = new DashboardPage(page);
  // Camera off at first, so the stream opens on "unknown" and then sees the face's label arrive.
  await dashboard.open(host().url, { firstRun: 'leave' });
  await dashboard.completeFirstRun({ camera: false, microphone: false });
  await dashboard.show('settings');
  const card = page.getByTestId('mood-feed');
  await expect(card.getByTestId('feed-no-clients')).toBeVisible();
  await card.getByTestId('feed-enabled').check();
  const url = ((await card.getByTestId('feed-url').textContent()) ?? '').replace(/^GET /, '').trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/mood$/);

  const addClient = async (name: string, scopes: ('now' | 'stream' | 'history')[]): Promise<string> => {
    await card.getByTestId('feed-client-name').fill(name);
    for (const scope of ['now', 'stream', 'history'] as const) {
      await card.getByTestId(`feed-scope-${scope}`).setChecked(scopes.includes(scope));
    }
    await card.getByTestId('feed-add').click();
    await expect(card.getByTestId('feed-created')).toContainText(name);
    const token = ((await card.getByTestId('feed-token').textContent()) ?? '').trim();
    await card.getByRole('button', { name: 'Done' }).click();
    await expect(card.getByTestId('feed-token')).toHaveCount(0); // shown once
    return token;
  };
  const nodeToken = await addClient('Tone helper', ['now', 'stream']);
  const pythonToken = await addClient('Python assistant', ['now']);
  expect(nodeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // The Node example: reads /v1/mood, then follows the stream and prints each label change.
  const node = spawn(process.execPath, ['examples/mood-feed-client.mjs'], { env: exampleEnv(url, nodeToken) });
  let nodeOut = '';
  node.stdout.on('data', (chunk: Buffer) => (nodeOut += chunk.toString()));
  node.stderr.on('data', (chunk: Buffer) => (nodeOut += chunk.toString()));
  const nodeExit = new Promise<number | null>((resolve) => node.on('exit', resolve));
  await expect.poll(() => nodeOut).toMatch(/^mood: (unknown|none yet) -> No clear mood/m);

  // The camera on: the fake camera's smiling faces give the fused mood a label, and the client sees it change.
  await page.getByTestId('sensor-camera').check();
  await expect.poll(() => nodeOut, { timeout: 90_000 }).toMatch(/^changed: unknown -> [a-z]+$/m);

  // The Python example reads the current mood once and phrases a reply for it.
  const python = await run('python3', ['examples/soften_tone.py'], { env: exampleEnv(url, pythonToken) });
  expect(python.stdout).toMatch(/^mood: [a-z]+ -> /);

  // Both count as reading: the dashboard says so, and Settings marks them.
  await dashboard.show('live');
  await expect(page.getByTestId('feed-readers')).toContainText('2 apps are reading your mood');
  await dashboard.expectMoodShown();
  await dashboard.screenshot(shot('feed-dashboard'));
  await dashboard.show('settings');
  await expect(card.getByTestId('feed-client-reading')).toHaveCount(2);
  await card.screenshot({ path: shot('feed-settings') });

  // Revoked: the open stream ends, the example reconnects and is refused, and a plain read gets 401.
  await card.getByRole('button', { name: 'Revoke Tone helper' }).click();
  await expect(card.getByTestId('feed-client')).toHaveCount(1);
  expect(await nodeExit).toBe(2);
  expect(nodeOut).toContain('access revoked (401)');
  const refused = await fetch(url, { headers: { Authorization: `Bearer ${nodeToken}` } });
  expect(refused.status).toBe(401);
  // The other app still reads.
  const still = await fetch(url, { headers: { Authorization: `Bearer ${pythonToken}` } });
  expect(still.status).toBe(200);

  // Nothing beyond loopback, from the host or its engine.
  await host().stop();
  const entries = readFileSync(NET_LOG, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { what: string; detail: string });
  expect(entries.some((e) => e.what === 'loaded' && e.detail.includes('src/host/main.ts'))).toBe(true);
  expect(
    entries.filter((e) => e.what !== 'loaded'),
    'host or engine network use beyond loopback',
  ).toEqual([]);
});
