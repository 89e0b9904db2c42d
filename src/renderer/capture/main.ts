/**
 * Electron's hidden capture page. The preload hands it a MessagePort to the engine with
 * `window.postMessage('attune:capture-port', '*', [port])`; frames then flow straight to the engine,
 * never through main. A new port (after an engine restart) replaces the old one.
 */
import { CAPTURE_PORT_CHANNEL } from '../../shared/capture-port';
import { api } from '../lib/api';
import { MessagePortSink } from './sinks';
import { startCapture, type Capture } from './start-capture';

let capture: Capture | null = null;

window.addEventListener('message', (event: MessageEvent) => {
  // Only the preload, posting into this same window, may hand over a port (event.source is then window).
  if (event.source !== window || event.data !== CAPTURE_PORT_CHANNEL) return;
  const port = event.ports[0];
  if (!port) return;
  const sink = new MessagePortSink(port);
  if (capture) capture.sampler.setSink(sink);
  else capture = startCapture(api, sink);
});

window.addEventListener('pagehide', () => {
  capture?.stop();
  capture = null;
});
