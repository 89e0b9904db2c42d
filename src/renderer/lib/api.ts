/**
 * The renderer's only door to the app. In Electron the preload has put the bridge on `window.attune`;
 * in a browser served by the headless host the same bridge is built over the host's WebSocket.
 */
import type { AttuneBridge } from '../../shared/api';
import { createHostClient, type ConnectionState } from './host-client';
import { hostApiUrl, takeToken } from './token';

export type { ConnectionState } from './host-client';

/** How the page is connected. Under Electron the bridge is always there, so it is always 'open'. */
export interface Connection {
  readonly state: ConnectionState;
  onChange(listener: (state: ConnectionState) => void): () => void;
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // Access throws where storage is disabled.
  }
}

function createApi(): { api: AttuneBridge; connection: Connection } {
  if (window.attune) {
    return { api: window.attune, connection: { state: 'open', onChange: () => () => undefined } };
  }
  const { token, cleanedUrl } = takeToken(window.location.href, sessionStore());
  if (cleanedUrl !== null) window.history.replaceState(window.history.state, '', cleanedUrl);
  const client = createHostClient({ url: hostApiUrl(window.location, token) });
  const connection: Connection = {
    get state() {
      return client.connection;
    },
    onChange: (listener) => client.onConnection(listener),
  };
  return { api: client, connection };
}

export const { api, connection } = createApi();
