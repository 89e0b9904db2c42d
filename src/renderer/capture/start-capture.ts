/**
 * Wires a sampler on the real camera and the microphone to a sink, to the app's pause switch and to the
 * person's sensor settings: a sensor that is off (or not yet chosen on the first run) is never opened.
 */
import type { AttuneBridge } from '../../shared/api';
import { openBrowserCamera } from './browser-camera';
import { openBrowserMicrophone } from './browser-microphone';
import { CameraSampler, type FrameSink } from './camera-sampler';
import { reportCameraStream } from './camera-stream';
import { followPause } from './follow-pause';
import { followSensors } from './follow-sensors';
import { Microphone } from './microphone';
import { reportMicrophone } from './microphone-state';
import { SensorControl } from './sensor-control';

export type CaptureApi = Pick<AttuneBridge, 'getStatus' | 'on' | 'reportCamera' | 'getSensorSettings' | 'getFirstRun'>;

export interface Capture {
  sampler: CameraSampler;
  microphone: Microphone;
  /** Asks for the sensor settings again (after the first run or a change made on this page). */
  refreshSensors(): Promise<void>;
  /** Stops following the pause switch and the settings, releases the camera and microphone, closes the sink. */
  stop(): void;
}

export function startCapture(api: CaptureApi, sink: FrameSink): Capture {
  const sampler = new CameraSampler({
    sink,
    openCamera: openBrowserCamera,
    reportCamera: (state) => void api.reportCamera(state),
  });
  // Audio rides the camera's link, so it follows the sampler's sink across engine restarts.
  const microphone = new Microphone({
    openMicrophone: openBrowserMicrophone,
    sink: () => sampler.currentSink,
    report: reportMicrophone,
  });
  // The voice card says "off" rather than nothing while the microphone is not wanted; the camera preview
  // learns that this page holds the camera (and shares its stream) rather than opening another.
  reportMicrophone(microphone.state);
  reportCameraStream(null);
  const control = new SensorControl({
    camera: { start: () => sampler.start(), stop: (reason) => sampler.stop(reason) },
    microphone: { start: () => microphone.start(), stop: (reason) => microphone.stop(reason) },
    setFrameRate: (fps) => sampler.setFps(fps),
  });
  const sensors = followSensors(api, control);
  // Both devices follow the pause switch together: a paused Attune neither sees nor hears.
  const unfollow = followPause(api, {
    start: () => {
      control.setPaused(false);
      return Promise.resolve();
    },
    stop: (reason) => {
      if (reason === 'paused') control.setPaused(true);
    },
  });
  return {
    sampler,
    microphone,
    refreshSensors: () => sensors.refresh(),
    stop() {
      unfollow();
      sensors.stop();
      control.halt();
      microphone.stop();
      sampler.dispose();
    },
  };
}
