/**
 * What the UI must be able to tell apart. Each kind maps to a message a person understands.
 * - `camera-busy`: another app holds the camera; `camera-denied`: permission refused;
 * - `model-missing` / `model-corrupt`: a model file is absent or unreadable;
 * - `database-unreadable`: the store could not be opened or queried (damaged, or not Attune's);
 * - `disk-full`: the disk holding the data folder has no space left; `data-folder-read-only`: Attune may not
 *   write to its data folder (permissions, a read-only disk);
 * - `bad-input`: an argument or a media frame was malformed;
 * - `engine-unavailable`: the engine process is starting, restarting or gone;
 * - `unauthorized`: the host token was missing or wrong;
 * - `camera-off`, `no-face`, `timed-out`: a calibration step could not see the person (camera off, nobody in
 *   view, too few usable frames in time); `microphone-off`: a voice step cannot hear them (the microphone is
 *   switched off); `paused`: sensing is paused, so nothing can be learnt now;
 * - `internal`: anything else (a bug).
 */
export type ErrorKind =
  | 'camera-busy'
  | 'camera-denied'
  | 'model-missing'
  | 'model-corrupt'
  | 'database-unreadable'
  | 'disk-full'
  | 'data-folder-read-only'
  | 'bad-input'
  | 'engine-unavailable'
  | 'unauthorized'
  | 'camera-off'
  | 'microphone-off'
  | 'no-face'
  | 'timed-out'
  | 'paused'
  | 'internal';

export interface AppError {
  kind: ErrorKind;
  message: string;
}

/** Every hop (renderer↔main/host, main/host↔engine) answers with one of these. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = <T = never>(kind: ErrorKind, message: string): Envelope<T> => ({
  ok: false,
  error: { kind, message },
});

/** An Error carrying an {@link ErrorKind}, so a failure keeps its meaning across a boundary. */
export class AttuneError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AttuneError';
  }
}

/** Converts anything thrown into an envelope, keeping the kind of an {@link AttuneError}. */
export function toFailure<T = never>(err: unknown): Envelope<T> {
  if (err instanceof AttuneError) return fail(err.kind, err.message);
  const message = err instanceof Error ? err.message : String(err);
  return fail('internal', message);
}

/** Runs `fn` and wraps its result (or its failure) in an envelope. */
export async function envelop<T>(fn: () => T | Promise<T>): Promise<Envelope<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    return toFailure<T>(err);
  }
}
