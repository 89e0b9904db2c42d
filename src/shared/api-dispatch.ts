import { isApiMethod, type ApiHandlers } from './api';
import { validArgs } from './api-validate';
import { envelop, fail, type Envelope } from './envelope';

/**
 * The one entry point both transports (Electron IPC and the host's WebSocket) use: checks the method
 * name and arguments, calls the handler, and wraps the outcome in an envelope.
 */
export async function dispatchApi(handlers: ApiHandlers, method: unknown, args: unknown): Promise<Envelope<unknown>> {
  if (!isApiMethod(method)) return fail('bad-input', `Unknown method: ${String(method)}`);
  const list: unknown[] = Array.isArray(args) ? (args as unknown[]) : [];
  if (!validArgs(method, list)) return fail('bad-input', `Malformed arguments for ${method}`);
  const handler = handlers[method] as (...a: unknown[]) => unknown;
  return envelop(() => handler.apply(handlers, list));
}
