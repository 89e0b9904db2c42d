import { API_SPEC, isApiMethod, type ApiHandlers } from '../shared/api';
import { envelop, fail, type Envelope } from '../shared/envelope';
import { argsValid } from '../shared/spec';

/**
 * The one entry point both transports (Electron IPC and the host's WebSocket) use: checks the method
 * name and arguments against API_SPEC, calls the handler, and wraps the outcome in an envelope.
 */
export async function dispatchApi(handlers: ApiHandlers, method: unknown, args: unknown): Promise<Envelope<unknown>> {
  // The method may be anything a page sent (`{"toString":0}` cannot be made a string): name it without
  // converting it, so a hostile request gets an envelope instead of a rejected promise nobody catches.
  if (!isApiMethod(method)) return fail('bad-input', `Unknown method: ${describeMethod(method)}`);
  // No arguments may be left out (undefined); anything else that is not a list is malformed, not "no arguments".
  if (args !== undefined && !Array.isArray(args)) return fail('bad-input', `Malformed arguments for ${method}`);
  const list: unknown[] = Array.isArray(args) ? (args as unknown[]) : [];
  // A schema that trips over an odd value (a getter, a deep proxy) rejects the call rather than throwing.
  if (!argsValid(API_SPEC[method], list)) return fail('bad-input', `Malformed arguments for ${method}`);
  // The handler gets the list as the page sent it (not the schema's copy): it was just checked against its schema.
  return envelop((): unknown => Reflect.apply(handlers[method], handlers, list));
}

/** At most 60 characters of a string method, or the type of anything else; never calls the value. */
function describeMethod(method: unknown): string {
  if (typeof method === 'string') return JSON.stringify(method.slice(0, 60));
  return method === null ? 'null' : `(a ${typeof method})`;
}
