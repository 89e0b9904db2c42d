import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../shared/history';
import { DEFAULT_SENSOR_SETTINGS } from '../../shared/history-api';
import { APP_SETTING, AppSettings } from './app-settings';
import { openDatabase } from '../store/open-database';
import { SettingsStore } from '../store/settings';

function setup() {
  const store = new SettingsStore(openDatabase(':memory:'));
  return { store, settings: new AppSettings(store) };
}

describe('AppSettings', () => {
  it('starts from the defaults and keeps checked changes', () => {
    const { settings } = setup();
    expect(settings.retention()).toEqual(DEFAULT_RETENTION);
    expect(settings.sensors()).toEqual(DEFAULT_SENSOR_SETTINGS);
    expect(settings.setRetention({ rawDays: 7 })).toEqual({ rawDays: 7 });
    expect(settings.setSensors({ frameRate: 0.5 })).toEqual({ ...DEFAULT_SENSOR_SETTINGS, frameRate: 0.5 });
    expect(settings.setSensors({ camera: false })).toEqual({ camera: false, microphone: true, frameRate: 0.5 });
    expect(settings.retention()).toEqual({ rawDays: 7 });
  });

  it('refuses bad values with words a person understands, storing nothing', () => {
    const { settings } = setup();
    const bad = (fn: () => unknown, message: RegExp): void =>
      expect(fn).toThrow(
        expect.objectContaining({ kind: 'bad-input', message: expect.stringMatching(message) as string }),
      );
    bad(() => settings.setSensors({ frameRate: Number.NaN }), /frame rate must be from 0.5 to 5/);
    bad(() => settings.setSensors({ frameRate: 6 }), /frame rate/);
    bad(() => settings.setSensors({ camera: 'yes' as unknown as boolean }), /camera must be true or false/);
    bad(() => settings.setSensors({ zoom: 2 } as never), /unknown sensor setting zoom/);
    bad(() => settings.setRetention({ rawDays: 0 }), /rawDays must be a whole number from 1 to 3650/);
    expect(settings.sensors()).toEqual(DEFAULT_SENSOR_SETTINGS);
    expect(settings.retention()).toEqual(DEFAULT_RETENTION);
  });

  it('reads a stored value that no longer passes the checks as the defaults', () => {
    const { store, settings } = setup();
    store.set(APP_SETTING.sensors, { frameRate: 99 });
    expect(settings.sensors()).toEqual(DEFAULT_SENSOR_SETTINGS);
  });

  it('completes the first run with the sensors chosen', () => {
    const { settings } = setup();
    expect(settings.firstRun()).toEqual({ completed: false });
    expect(settings.completeFirstRun({ camera: false, microphone: true })).toEqual({ completed: true });
    expect(settings.firstRun()).toEqual({ completed: true });
    expect(settings.sensors()).toEqual({ camera: false, microphone: true, frameRate: 2 });
    expect(() => settings.completeFirstRun({ camera: true } as never)).toThrow(/camera, microphone/);
  });
});
