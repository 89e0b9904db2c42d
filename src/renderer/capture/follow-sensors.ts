/**
 * Feeds the sensor settings and the first run's answer to a {@link SensorControl}: asked at start, again on
 * every 'sensors' event, and whenever the page asks (right after the first run is completed).
 */
import type { AttuneBridge } from '../../shared/api';
import { effectiveSensors, type SensorControl } from './sensor-control';

export type SensorApi = Pick<AttuneBridge, 'getSensorSettings' | 'getFirstRun' | 'on'>;

export interface FollowSensors {
  refresh(): Promise<void>;
  stop(): void;
}

/** `retryMs`: wait before asking again when the app cannot answer yet, in ms (default 5 000). */
export function followSensors(
  api: SensorApi,
  control: Pick<SensorControl, 'setSensors'>,
  retryMs = 5_000,
): FollowSensors {
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const refresh = async (): Promise<void> => {
    clearTimeout(retryTimer);
    const [settings, firstRun] = await Promise.all([api.getSensorSettings(), api.getFirstRun()]);
    if (stopped) return;
    if (settings.ok && firstRun.ok) control.setSensors(effectiveSensors(settings.value, firstRun.value.completed));
    else retryTimer = setTimeout(() => void refresh(), retryMs);
  };
  const off = api.on('sensors', () => void refresh());
  void refresh();
  return {
    refresh,
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      off();
    },
  };
}
