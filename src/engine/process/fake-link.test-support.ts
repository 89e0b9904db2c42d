/** A parent link for running EngineProcess in a test: records what the engine sends, delivers what the app would. */
import type { FromEngine, ToEngine } from '../../shared/engine-protocol';
import type { ParentLink, PortLike } from './parent-link';

export class FakeLink implements ParentLink {
  readonly kind = 'node';
  readonly sent: FromEngine[] = [];
  private listener: (message: ToEngine) => void = () => undefined;
  private portListener: (port: PortLike) => void = () => undefined;

  send(message: FromEngine): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: ToEngine) => void): void {
    this.listener = listener;
  }
  onCapturePort(listener: (port: PortLike) => void): void {
    this.portListener = listener;
  }
  /** Test control: the app sends `message`. */
  deliver(message: ToEngine): void {
    this.listener(message);
  }
  /** Test control: Electron hands over the capture port. */
  givePort(port: PortLike): void {
    this.portListener(port);
  }
  /** What the engine sent of one type, oldest first. */
  of<T extends FromEngine['type']>(type: T): Extract<FromEngine, { type: T }>[] {
    return this.sent.filter((m): m is Extract<FromEngine, { type: T }> => m.type === type);
  }
}
