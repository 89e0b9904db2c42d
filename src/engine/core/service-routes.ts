/**
 * How a service lists the engine requests it answers as it stands, beside its own code: adding a read to a service
 * is its method and one route line there, and engine-routes.ts picks the table up with `via`.
 */
import { ENGINE_SPEC, type EngineApi, type EngineMethod } from '../../shared/engine-protocol';
import { hasMethod, mapNames } from '../../shared/spec';

/** Requests a service of type S answers: each takes the service, then the request's own arguments. */
export type ServiceRoutes<S> = {
  readonly [M in EngineMethod]?: (service: S, ...args: Parameters<EngineApi[M]>) => ReturnType<EngineApi[M]>;
};

/** A route of the engine's table: takes the engine (of type E), then the request's own arguments. */
export type Route<E, M extends EngineMethod> = (
  engine: E,
  ...args: Parameters<EngineApi[M]>
) => ReturnType<EngineApi[M]>;

/** A service's routes as engine routes: each finds the service on the engine, then asks it. */
export function via<E, S, R extends ServiceRoutes<S>>(
  service: (engine: E) => S,
  routes: R,
): { [M in keyof R & EngineMethod]: Route<E, M> } {
  // Widening, not a cast: each route takes the service and then its own arguments.
  const table: Readonly<Partial<Record<EngineMethod, (service: S, ...args: never[]) => unknown>>> = routes;
  const names = Object.keys(routes).filter((name): name is keyof R & EngineMethod => hasMethod(ENGINE_SPEC, name));
  return mapNames<{ [M in keyof R & EngineMethod]: Route<E, M> }>(
    names,
    (method) =>
      (engine: E, ...args: never[]) =>
        table[method]?.(service(engine), ...args),
  );
}
