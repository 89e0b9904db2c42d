import { isApiMethod, type ApiHandlers } from '../shared/api';
import { validArgs } from '../shared/api-validate';
import { envelop, fail, type Envelope } from '../shared/envelope';

/**
 * The one entry point both transports (Electron IPC and the host's WebSocket) use: checks the method
 * name and arguments, calls the handler, and wraps the outcome in an envelope.
 */
export async function dispatchApi(handlers: ApiHandlers, method: unknown, args: unknown): Promise<Envelope<unknown>> {
  // The method may be anything a page sent (`{"toString":0}` cannot be made a string): name it without
  // converting it, so a hostile request gets an envelope instead of a rejected promise nobody catches.
  if (!isApiMethod(method)) return fail('bad-input', `Unknown method: ${describeMethod(method)}`);
  // No arguments may be left out (undefined); anything else that is not a list is malformed, not "no arguments".
  if (args !== undefined && !Array.isArray(args)) return fail('bad-input', `Malformed arguments for ${method}`);
  const list: unknown[] = Array.isArray(args) ? (args as unknown[]) : [];
  try {
    if (!validArgs(method, list)) return fail('bad-input', `Malformed arguments for ${method}`);
  } catch {
    // A guard that trips over an odd value (a getter, a deep proxy) rejects the call rather than throwing.
    return fail('bad-input', `Malformed arguments for ${method}`);
  }
  const handler = handlers[method] as (...a: unknown[]) => unknown;
  return envelop(() => handler.apply(handlers, list));
}

/** At most 60 characters of a string method, or the type of anything else; never calls the value. */
function describeMethod(method: unknown): string {
  if (typeof method === 'string') return JSON.stringify(method.slice(0, 60));
  return method === null ? 'null' : `(a ${typeof method})`;
}
