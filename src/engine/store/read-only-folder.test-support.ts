/**
 * Makes a real folder read-only for the code under test. chmod alone does not stop root (tests may run as root in
 * containers and CI), so as root the folder is handed to `nobody` and the code runs with that effective user id:
 * the kernel's own permission check refuses the writes, as it would for a person's read-only data folder.
 */
import { chmodSync, chownSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const NOBODY = 65534;

/**
 * Runs `fn` (synchronous: the effective user id is the whole process's) with `dir` mode 0500 for whoever runs it.
 * `dir`'s parent must be a folder the test owns (it is opened for traversal).
 */
export function withReadOnlyFolder<T>(dir: string, fn: () => T): T {
  const root = typeof process.geteuid === 'function' && process.geteuid() === 0;
  if (root) {
    chmodSync(dirname(dir), 0o755);
    for (const name of readdirSync(dir)) chownSync(join(dir, name), NOBODY, NOBODY);
    chownSync(dir, NOBODY, NOBODY);
  }
  chmodSync(dir, 0o500);
  if (root) process.seteuid?.(NOBODY);
  try {
    return fn();
  } finally {
    if (root) process.seteuid?.(0);
    chmodSync(dir, 0o700);
  }
}
