/**
 * The history-side preferences kept in the settings table: raw-sample retention, the sensors and the camera's
 * frame rate, and whether the first run is done. Every change is checked before it is stored; a stored value
 * that no longer passes the checks (an older version's, a hand edit) reads as the defaults.
 */
import { AttuneError } from '../../shared/envelope';
import { retentionProblem, type RetentionSettings } from '../../shared/history';
import { DEFAULT_SENSOR_SETTINGS, type FirstRunState, type SensorSettings } from '../../shared/history-api';
import { firstRunSensorsProblem, sensorSettingsProblem } from '../../shared/history-validate';
import { readRetention, RETENTION_KEY } from '../store/retention';
import type { SettingsStore } from '../store/settings';

/** Setting keys. */
export const APP_SETTING = { sensors: 'sensorSettings', firstRun: 'firstRunCompleted' } as const;

export class AppSettings {
  constructor(private readonly settings: SettingsStore) {}

  retention(): RetentionSettings {
    return readRetention(this.settings);
  }

  /** @throws AttuneError `bad-input` naming the problem (unknown key, rawDays outside 1…3650). */
  setRetention(patch: Partial<RetentionSettings>): RetentionSettings {
    const problem = retentionProblem(patch);
    if (problem !== null) throw new AttuneError('bad-input', problem);
    const next = { ...this.retention(), ...patch };
    this.settings.set(RETENTION_KEY, next);
    return next;
  }

  sensors(): SensorSettings {
    const stored = this.settings.get<Partial<SensorSettings> | null>(APP_SETTING.sensors, null);
    if (stored === null || sensorSettingsProblem(stored) !== null) return { ...DEFAULT_SENSOR_SETTINGS };
    return { ...DEFAULT_SENSOR_SETTINGS, ...stored };
  }

  /** @throws AttuneError `bad-input` naming the problem (unknown key, a frame rate outside 0.5…5 per second). */
  setSensors(patch: Partial<SensorSettings>): SensorSettings {
    const problem = sensorSettingsProblem(patch);
    if (problem !== null) throw new AttuneError('bad-input', problem);
    const next = { ...this.sensors(), ...patch };
    this.settings.set(APP_SETTING.sensors, next);
    return next;
  }

  firstRun(): FirstRunState {
    return { completed: this.settings.get<boolean>(APP_SETTING.firstRun, false) };
  }

  /** Stores the sensors the person chose and marks the first run done. @throws AttuneError `bad-input`. */
  completeFirstRun(sensors: Pick<SensorSettings, 'camera' | 'microphone'>): FirstRunState {
    const problem = firstRunSensorsProblem(sensors);
    if (problem !== null) throw new AttuneError('bad-input', problem);
    this.setSensors({ camera: sensors.camera, microphone: sensors.microphone });
    this.settings.set(APP_SETTING.firstRun, true);
    return { completed: true };
  }
}
