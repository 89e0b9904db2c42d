/**
 * Argument checks for engine requests. The app already checks what the renderer sends, but the engine is the last
 * line before the database: a request that is not exactly what a method takes is refused here, so a bug or a
 * hostile message on the engine channel can neither throw deep inside nor store a wrong row. The schemas are
 * ENGINE_SPEC's (one spec per boundary; the renderer calls the engine answers share the renderer contract's).
 */
import { ENGINE_SPEC } from '../../shared/engine-protocol';
import { argsValid, hasMethod } from '../../shared/spec';

/** True when `args` is what `method` takes; a name outside the spec is left to the caller to refuse. */
export function engineArgsValid(method: string, args: unknown): boolean {
  return hasMethod(ENGINE_SPEC, method) ? argsValid(ENGINE_SPEC[method], args) : true;
}
