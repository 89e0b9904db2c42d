/**
 * Keeps the camera in step with the app's pause switch: released while paused, sampling otherwise.
 * The camera is not opened until the app has said it is not paused, so a paused Attune never
 * lights the camera, not even for a moment at start-up.
 */
import type { AttuneBridge } from '../../shared/api';
import type { CameraSampler } from './camera-sampler';

export interface FollowPauseOptions {
  /** Wait before asking for the status again when the app cannot answer yet, in ms. Default 5 000. */
  statusRetryMs?: number;
}

/** Returns a function that stops following and releases the camera. */
export function followPause(
  api: Pick<AttuneBridge, 'getStatus' | 'on'>,
  sampler: Pick<CameraSampler, 'start' | 'stop'>,
  options: FollowPauseOptions = {},
): () => void {
  const statusRetryMs = options.statusRetryMs ?? 5_000;
  let paused: boolean | null = null;
  let heardEvent = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const apply = (next: boolean): void => {
    if (stopped || next === paused) return;
    paused = next;
    if (next) sampler.stop('paused');
    else void sampler.start();
  };

  const off = api.on('status', (status) => {
    heardEvent = true;
    apply(status.paused);
  });

  const ask = async (): Promise<void> => {
    const answer = await api.getStatus();
    // A status event that came first is newer than this answer.
    if (stopped || heardEvent) return;
    if (answer.ok) apply(answer.value.paused);
    else retryTimer = setTimeout(() => void ask(), statusRetryMs);
  };
  void ask();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    off();
    sampler.stop('off');
  };
}
