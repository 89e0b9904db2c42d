import { describe, expect, it } from 'vitest';
import {
  deleteScopeProblem,
  desktopSettingsProblem,
  firstRunSensorsProblem,
  isExportFormat,
  MAX_TREND_MS,
  rangeProblem,
  sensorSettingsProblem,
} from './history-validate';

describe('history argument checks', () => {
  it('accepts ranges of finite ms, start before end, only from and to, within a limit', () => {
    expect(rangeProblem({ from: 0, to: 0 })).toBeNull();
    expect(rangeProblem({ from: 2, to: 1 })).toMatch(/start before it ends/);
    expect(rangeProblem({ from: Number.NaN, to: 1 })).toMatch(/finite/);
    expect(rangeProblem({ from: 0, to: Infinity })).toMatch(/finite/);
    expect(rangeProblem({ from: 0, to: 1, source: 'face' })).toMatch(/only from and to/);
    expect(rangeProblem([0, 1])).toMatch(/\{from, to\}/);
    expect(rangeProblem({ from: 0, to: MAX_TREND_MS }, MAX_TREND_MS)).toBeNull();
    expect(rangeProblem({ from: 0, to: MAX_TREND_MS + 1 }, MAX_TREND_MS)).toMatch(/at most 3660 days/);
  });

  it('knows the export formats', () => {
    expect(['csv', 'json', 'xml', 1, null].map(isExportFormat)).toEqual([true, true, false, false, false]);
  });

  it('accepts the three delete scopes and nothing else', () => {
    expect(deleteScopeProblem({ kind: 'all' })).toBeNull();
    expect(deleteScopeProblem({ kind: 'day', t: 5 })).toBeNull();
    expect(deleteScopeProblem({ kind: 'range', from: 1, to: 2 })).toBeNull();
    for (const bad of [
      null,
      'all',
      { kind: 'everything' },
      { kind: 'all', t: 1 },
      { kind: 'day' },
      { kind: 'day', t: Number.NaN },
      { kind: 'day', t: 1, extra: true },
      { kind: 'range', from: 2, to: 2 },
      { kind: 'range', from: 0, to: Infinity },
      { kind: 'range', from: 0 },
    ]) {
      expect(deleteScopeProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
  });

  it('checks sensor settings, the first run and desktop settings key by key', () => {
    expect(sensorSettingsProblem({})).toBeNull();
    expect(sensorSettingsProblem({ camera: false, microphone: true, frameRate: 0.5 })).toBeNull();
    expect(sensorSettingsProblem({ frameRate: 5 })).toBeNull();
    expect(sensorSettingsProblem({ frameRate: 0.4 })).toMatch(/0.5 to 5 frames per second/);
    expect(sensorSettingsProblem({ frameRate: Number.NaN })).toMatch(/frame rate/);
    expect(sensorSettingsProblem({ camera: 1 })).toMatch(/camera must be true or false/);
    expect(sensorSettingsProblem({ speaker: true })).toMatch(/unknown sensor setting speaker/);
    expect(firstRunSensorsProblem({ camera: true, microphone: false })).toBeNull();
    expect(firstRunSensorsProblem({ camera: true })).toMatch(/camera, microphone/);
    expect(firstRunSensorsProblem({ camera: true, microphone: false, frameRate: 1 })).toMatch(/camera, microphone/);
    expect(desktopSettingsProblem({ startAtLogin: true })).toBeNull();
    expect(desktopSettingsProblem({ startAtLogin: 'yes' })).toMatch(/true or false/);
    expect(desktopSettingsProblem({ tray: true })).toMatch(/unknown desktop setting tray/);
  });
});
