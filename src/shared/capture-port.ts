/**
 * Electron only: how the capture page receives the MessagePort its frames go to the engine on.
 * Main posts the port to the capture page's webContents on this channel; the preload relays it to the
 * page with `window.postMessage(CAPTURE_PORT_CHANNEL, '*', [port])`. A new port arrives each time the
 * engine (re)starts or the page reloads: the page should switch to the latest one.
 */
export const CAPTURE_PORT_CHANNEL = 'attune:capture-port';
