/**
 * Tests' handler maps, built from API_SPEC: a test writes only the calls it uses, and a new method in the spec
 * needs no edit here or in any test.
 */
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../shared/api';
import { mapNames } from '../shared/spec';

/** Every method of the contract: `given` where the test supplies it, else one that throws "not used: <name>". */
export function handlersFromSpec(given: Partial<ApiHandlers> = {}): ApiHandlers {
  const notUsed = (method: ApiMethod) => (): never => {
    throw new Error(`not used: ${method}`);
  };
  return mapNames<ApiHandlers>(API_METHODS, (method) => given[method] ?? notUsed(method));
}
