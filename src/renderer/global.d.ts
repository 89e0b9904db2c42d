import type { AttuneBridge } from '../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the pages run in a browser served by the headless host. */
    attune?: AttuneBridge;
  }
}

export {};
