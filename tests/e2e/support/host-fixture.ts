import { test } from '@playwright/test';
import { startHostProcess, type HostProcess, type HostProcessOptions } from './host-process';

/** Starts a fresh headless host (own data folder) for the calling spec file; returns a getter. */
export function hostForThisFile(options: HostProcessOptions = {}): () => HostProcess {
  let host: HostProcess | undefined;
  test.beforeAll(async () => {
    host = await startHostProcess(options);
  });
  test.afterAll(async () => {
    await host?.stop();
  });
  return () => {
    if (!host) throw new Error('the host has not started');
    return host;
  };
}
