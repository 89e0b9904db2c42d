/** The real camera: getUserMedia into a detached <video>, frames read back through a small canvas. */
import type { CameraHandle, OpenCamera } from './camera-sampler';
import { reportCameraStream } from './camera-stream';
import { fitWithin } from './frame-size';

/** What Attune asks for: VGA is plenty for a face at desk distance and keeps each frame at 1.2 MB. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { width: { ideal: 640 }, height: { ideal: 480 } },
  audio: false,
};

/** Largest frame handed to the sink, in pixels. */
export const MAX_FRAME = { width: 640, height: 480 } as const;

export const openBrowserCamera: OpenCamera = async (onEnded) => {
  if (!navigator.mediaDevices?.getUserMedia) {
    // Insecure origins and some embedded browsers have no media API at all.
    throw new DOMException('This page cannot use a camera.', 'NotFoundError');
  }
  const stream = await navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
  const stopTracks = (): void => stream.getTracks().forEach((track) => track.stop());
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch (err) {
    stopTracks();
    throw err;
  }
  // The camera was unplugged or taken away by the system.
  for (const track of stream.getVideoTracks()) track.addEventListener('ended', onEnded);
  // The dashboard's preview (when asked for) shows this same stream instead of opening the camera again.
  reportCameraStream(stream);

  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    stopTracks();
    throw new DOMException('No 2D canvas to read frames with.', 'NotReadableError');
  }

  const handle: CameraHandle = {
    grab() {
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
      const { width, height } = fitWithin(video.videoWidth, video.videoHeight, MAX_FRAME.width, MAX_FRAME.height);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      return { width, height, pixels: context.getImageData(0, 0, width, height).data };
    },
    stop() {
      reportCameraStream(null);
      stopTracks();
      video.srcObject = null;
      // Drop the last frame too: nothing of the picture should outlive the camera.
      canvas.width = 0;
      canvas.height = 0;
    },
  };
  return handle;
};
