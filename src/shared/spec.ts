/**
 * How a contract between two processes is written once: per method, who answers it, a valibot schema for its
 * arguments (checked at run time, because the other side is not trusted) and, as a type only, its signature.
 * The method list, validation, clients and route tables are all derived from such a spec (api-spec.ts,
 * engine-protocol.ts).
 */
import * as v from 'valibot';

// `never[]` parameters: every function type is assignable to this, whatever it takes.
export type AnyFn = (...args: never[]) => unknown;

export interface MethodSpec<O extends string = string, F extends AnyFn = AnyFn> {
  /** Who answers the call. */
  readonly owner: O;
  /** The argument list, as a tuple schema: a call whose arguments fail it is refused before any handler runs. */
  readonly args: v.GenericSchema;
  /** Type only, never set: the method's arguments and result as its callers see them. */
  readonly signature?: F;
}

export type Spec = Readonly<Record<string, MethodSpec>>;

/**
 * Writes one method: `method<(range: TimeRange) => Trends>()('engine', v.strictTuple([range]))`. The schema's
 * output must fit the signature's parameters, so whatever passes validation is what the handler takes.
 */
export const method =
  <F extends AnyFn>() =>
  <O extends string>(owner: O, args: v.GenericSchema<unknown, Parameters<F>>): MethodSpec<O, F> => ({ owner, args });

/** The signature of each method of a spec, keeping the spec's doc comments. */
export type Signatures<S extends Spec> = { [M in keyof S]: S[M] extends MethodSpec<string, infer F> ? F : never };

/** The names of a spec's methods answered by `owner`. */
export type OwnedBy<S extends Spec, O extends string> = {
  [M in keyof S]: S[M]['owner'] extends O ? M : never;
}[keyof S] &
  string;

/** The names of a spec, in its order. */
export function methodsOf<S extends Spec>(spec: S): (keyof S & string)[] {
  return Object.keys(spec);
}

/** The names of a spec's methods answered by `owner`, in the spec's order. */
export function ownedBy<S extends Spec, O extends string>(spec: S, owner: O): OwnedBy<S, O>[] {
  return Object.keys(spec).filter((m): m is OwnedBy<S, O> => spec[m]?.owner === owner);
}

/**
 * Whether `name` is one of the spec's own methods: "constructor", "toString" or "__proto__" are not, and a name that
 * is not a string (`{"toString":0}`) is never turned into one.
 */
export function hasMethod<S extends Spec>(spec: S, name: unknown): name is keyof S & string {
  return typeof name === 'string' && Object.hasOwn(spec, name);
}

/** Whether `args` is the argument list the method takes. A schema that trips over an odd value says no. */
export function argsValid(spec: MethodSpec, args: unknown): boolean {
  try {
    return v.is(spec.args, args);
  } catch {
    return false; // A getter that throws, a hostile proxy: malformed, not a crash.
  }
}

/**
 * `{ [K in keys]: make(K) }`. The contracts' one cast lives here: neither Object.fromEntries nor the compiler can
 * keep which value goes with which name (R[P] for a generic P is not related to a generic function's result), so
 * each caller's `make` is a generic function typed per name, and the caller says which type R it builds.
 */
export function mapNames<R>(keys: readonly (keyof R & string)[], make: (key: keyof R & string) => unknown): R {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as R;
}

/** The part of a spec naming `names` (e.g. the renderer calls the engine answers, for the engine's own spec). */
export function pickSpec<S extends Spec, K extends keyof S & string>(spec: S, names: readonly K[]): Pick<S, K> {
  return mapNames<Pick<S, K>>(names, (name) => spec[name]);
}
