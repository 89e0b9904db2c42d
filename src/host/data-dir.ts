import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the headless host keeps its database: $ATTUNE_DATA_DIR, else the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ATTUNE_DATA_DIR) return env.ATTUNE_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Attune');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Attune');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'attune');
}
