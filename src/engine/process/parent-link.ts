/**
 * How the engine talks to the process that started it: Electron's `process.parentPort` in a utility
 * process, or Node's IPC channel (`process.send`) when the headless host forks it.
 */
import type { FromEngine, ToEngine } from '../../shared/engine-protocol';

/** The part of Electron's MessagePortMain the engine uses (typed here: the engine never imports electron). */
export interface PortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}

export interface ParentLink {
  send(message: FromEngine): void;
  onMessage(listener: (message: ToEngine) => void): void;
  /** Electron only: the MessagePort the capture page's frames arrive on. */
  onCapturePort(listener: (port: PortLike) => void): void;
  readonly kind: 'electron' | 'node';
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void;
}

export function connectToParent(): ParentLink {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) return electronLink(parentPort);
  if (typeof process.send === 'function') return nodeLink();
  throw new Error('The engine must be started by Attune (no parent process channel).');
}

function electronLink(parentPort: ParentPort): ParentLink {
  return {
    kind: 'electron',
    send: (message) => parentPort.postMessage(message),
    onMessage: (listener) =>
      parentPort.on('message', (event) => {
        if (!isCapturePortMessage(event.data)) listener(event.data as ToEngine);
      }),
    onCapturePort: (listener) =>
      parentPort.on('message', (event) => {
        const port = event.ports[0];
        if (isCapturePortMessage(event.data) && port) listener(port);
      }),
  };
}

function nodeLink(): ParentLink {
  return {
    kind: 'node',
    send: (message) => {
      process.send?.(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as ToEngine)),
    onCapturePort: () => undefined,
  };
}

function isCapturePortMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'capture-port';
}
