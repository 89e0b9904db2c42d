import { describe, expect, it } from 'vitest';
import { effectiveSensors, SensorControl, type Device } from './sensor-control';

function fakeDevice(): Device & { log: string[] } {
  const log: string[] = [];
  return { log, start: () => log.push('start'), stop: (reason) => log.push(`stop:${reason}`) };
}

function setup() {
  const camera = fakeDevice();
  const microphone = fakeDevice();
  const rates: number[] = [];
  const control = new SensorControl({ camera, microphone, setFrameRate: (fps) => rates.push(fps) });
  return { camera, microphone, rates, control };
}

describe('SensorControl', () => {
  it('starts nothing until both the pause switch and the settings are known', () => {
    const { camera, microphone, control } = setup();
    control.setPaused(false);
    expect(camera.log).toEqual([]);
    control.setSensors({ camera: true, microphone: true, frameRate: 2 });
    expect(camera.log).toEqual(['start']);
    expect(microphone.log).toEqual(['start']);
  });

  it('keeps a sensor that is switched off off, and stops it when switched off later', () => {
    const { camera, microphone, control } = setup();
    control.setSensors({ camera: true, microphone: false, frameRate: 2 });
    control.setPaused(false);
    expect(camera.log).toEqual(['start']);
    expect(microphone.log).toEqual(['stop:off']);
    control.setSensors({ camera: false, microphone: false, frameRate: 2 });
    expect(camera.log).toEqual(['start', 'stop:off']);
  });

  it('pauses both whatever the settings, and resumes only the wanted ones', () => {
    const { camera, microphone, control } = setup();
    control.setSensors({ camera: true, microphone: false, frameRate: 2 });
    control.setPaused(true);
    expect(camera.log).toEqual(['stop:paused']);
    expect(microphone.log).toEqual(['stop:paused']);
    control.setPaused(false);
    expect(camera.log.at(-1)).toBe('start');
    expect(microphone.log.at(-1)).toBe('stop:off');
  });

  it('passes a changed frame rate on, once per change', () => {
    const { rates, control } = setup();
    control.setSensors({ camera: true, microphone: true, frameRate: 2 });
    control.setSensors({ camera: false, microphone: true, frameRate: 2 });
    control.setSensors({ camera: true, microphone: true, frameRate: 0.5 });
    expect(rates).toEqual([2, 0.5]);
  });

  it('does nothing more after halt', () => {
    const { camera, control } = setup();
    control.setSensors({ camera: true, microphone: true, frameRate: 2 });
    control.halt();
    control.setPaused(false);
    expect(camera.log).toEqual(['stop:off']);
  });
});

describe('effectiveSensors', () => {
  it('turns every sensor off before the first run is completed', () => {
    const s = { camera: true, microphone: true, frameRate: 3 };
    expect(effectiveSensors(s, false)).toEqual({ camera: false, microphone: false, frameRate: 3 });
    expect(effectiveSensors(s, true)).toBe(s);
  });
});
