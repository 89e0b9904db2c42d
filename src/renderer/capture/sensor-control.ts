/**
 * Decides which device runs from two switches: the app's pause and the person's sensor settings (and the first
 * run: before it is completed, no sensor is on). Nothing starts until both are known, so a fresh install never
 * lights the camera or opens the microphone before the person has chosen.
 */
import type { SensorSettings } from '../../shared/history-api';

export interface Device {
  start(): unknown;
  stop(reason: 'off' | 'paused'): void;
}

export interface SensorDevices {
  camera: Device;
  microphone: Device;
  /** Camera frames per second. */
  setFrameRate(fps: number): void;
}

export class SensorControl {
  private paused: boolean | null = null;
  private sensors: SensorSettings | null = null;
  private halted = false;

  constructor(private readonly devices: SensorDevices) {}

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.apply();
  }

  setSensors(sensors: SensorSettings): void {
    if (this.sensors?.frameRate !== sensors.frameRate) this.devices.setFrameRate(sensors.frameRate);
    this.sensors = sensors;
    this.apply();
  }

  /** Stops both devices for good (the page is going away). */
  halt(): void {
    this.halted = true;
    this.devices.camera.stop('off');
    this.devices.microphone.stop('off');
  }

  private apply(): void {
    if (this.halted || this.paused === null || this.sensors === null) return;
    this.drive(this.devices.camera, this.sensors.camera);
    this.drive(this.devices.microphone, this.sensors.microphone);
  }

  private drive(device: Device, wanted: boolean): void {
    if (this.paused) device.stop('paused');
    else if (!wanted) device.stop('off');
    else device.start();
  }
}

/** The sensors in effect: none before the first run is completed. */
export function effectiveSensors(settings: SensorSettings, firstRunCompleted: boolean): SensorSettings {
  return firstRunCompleted ? settings : { ...settings, camera: false, microphone: false };
}
