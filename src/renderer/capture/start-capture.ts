/** Wires a sampler on the real camera to a sink and to the app's pause switch. */
import type { AttuneBridge } from '../../shared/api';
import { openBrowserCamera } from './browser-camera';
import { CameraSampler, type FrameSink } from './camera-sampler';
import { followPause } from './follow-pause';

export interface Capture {
  sampler: CameraSampler;
  /** Stops following the pause switch, releases the camera and closes the sink. */
  stop(): void;
}

export function startCapture(api: Pick<AttuneBridge, 'getStatus' | 'on' | 'reportCamera'>, sink: FrameSink): Capture {
  const sampler = new CameraSampler({
    sink,
    openCamera: openBrowserCamera,
    reportCamera: (state) => void api.reportCamera(state),
  });
  const unfollow = followPause(api, sampler);
  return {
    sampler,
    stop() {
      unfollow();
      sampler.dispose();
    },
  };
}
