/** Wires a sampler on the real camera and the microphone to a sink and to the app's pause switch. */
import type { AttuneBridge } from '../../shared/api';
import { openBrowserCamera } from './browser-camera';
import { openBrowserMicrophone } from './browser-microphone';
import { CameraSampler, type FrameSink } from './camera-sampler';
import { followPause } from './follow-pause';
import { Microphone } from './microphone';
import { reportMicrophone } from './microphone-state';

export interface Capture {
  sampler: CameraSampler;
  microphone: Microphone;
  /** Stops following the pause switch, releases the camera and microphone, and closes the sink. */
  stop(): void;
}

export function startCapture(api: Pick<AttuneBridge, 'getStatus' | 'on' | 'reportCamera'>, sink: FrameSink): Capture {
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
  // Both devices follow the pause switch together: a paused Attune neither sees nor hears.
  const unfollow = followPause(api, {
    start: () => {
      void microphone.start();
      return sampler.start();
    },
    stop: (reason) => {
      microphone.stop(reason);
      sampler.stop(reason);
    },
  });
  return {
    sampler,
    microphone,
    stop() {
      unfollow();
      microphone.stop();
      sampler.dispose();
    },
  };
}
