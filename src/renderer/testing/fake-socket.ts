/** A WebSocket stand-in for tests: records what is sent and lets a test play the server. */
type Listener = (event: unknown) => void;

export class FakeSocket {
  static instances: FakeSocket[] = [];
  static reset(): void {
    FakeSocket.instances = [];
  }
  /** The latest socket made, which is the one a client is using. */
  static get last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  }

  readyState = 0;
  bufferedAmount = 0;
  binaryType: BinaryType = 'blob';
  readonly sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener);
    this.listeners.set(type, list);
  }

  send(data: unknown): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** Server side: accept the connection. */
  open(): void {
    this.readyState = 1;
    this.emit('open', {});
  }

  /** Server side: send a text message to the client. */
  receive(message: unknown): void {
    this.emit('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  /** Server side (or network): the connection ends. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.emit('error', {});
    this.emit('close', { code, reason: '' });
  }

  /** Sent text messages, parsed. */
  sentJson(): unknown[] {
    return this.sent.map((m) => JSON.parse(String(m)) as unknown);
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
