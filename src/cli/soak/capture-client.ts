/** The capture socket as the host page uses it: binary frames and audio chunks, sent with back-pressure. */
import { WebSocket } from 'ws';

export class CaptureClient {
  private constructor(private readonly ws: WebSocket) {
    ws.on('error', () => undefined); // a killed engine resets the socket; `open` turns false
  }

  static async open(url: string, origin: string): Promise<CaptureClient> {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new CaptureClient(ws);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Resolves true once the message is handed to the kernel, false when the socket is gone. Waiting for each
   * write paces the feed to what the engine reads: a busy engine fills the socket buffer and the next send waits.
   */
  send(bytes: Uint8Array): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    return new Promise((resolve) => this.ws.send(bytes, { binary: true }, (err) => resolve(!err)));
  }

  close(): void {
    this.ws.terminate();
  }
}
