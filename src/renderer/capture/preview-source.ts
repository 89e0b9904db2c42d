/**
 * Where the camera preview's picture comes from. A page that captures shares its own stream (one camera, opened
 * once); any other page (the Electron dashboard, whose hidden capture page holds the camera) opens a video-only
 * stream of its own just while the preview is shown, and stops it when the preview goes.
 */
import type { CameraState } from '../../shared/mood';
import { cameraStateFromError } from '../lib/camera-errors';

/** The part of a MediaStream the preview's bookkeeping needs. */
export interface StoppableStream {
  getTracks(): { stop(): void }[];
}

export type PreviewFeed<S> =
  | { kind: 'opening' }
  | { kind: 'live'; stream: S }
  /** The preview's own stream could not be opened (camera busy, permission refused…). */
  | { kind: 'problem'; state: CameraState };

export interface PreviewDeps<S> {
  /** Whether this page runs the capture (see camera-stream's isCapturePage). */
  capturePage: () => boolean;
  /** Subscribes to this page's capture stream; calls back at once. */
  onShared: (listener: (stream: S | null) => void) => () => void;
  /** Opens a video-only stream for the preview (getUserMedia). */
  open: () => Promise<S>;
}

/** Feeds `listener` until the returned function is called; then any stream opened for the preview is stopped. */
export function watchPreview<S extends StoppableStream>(
  deps: PreviewDeps<S>,
  listener: (feed: PreviewFeed<S>) => void,
): () => void {
  if (deps.capturePage()) {
    // Never stopped here: the stream belongs to the capture, which goes on analysing it.
    return deps.onShared((stream) => listener(stream ? { kind: 'live', stream } : { kind: 'opening' }));
  }
  let closed = false;
  let own: S | null = null;
  listener({ kind: 'opening' });
  deps.open().then(
    (stream) => {
      // Hidden again before the camera answered: let it go at once.
      if (closed) stopAll(stream);
      else {
        own = stream;
        listener({ kind: 'live', stream });
      }
    },
    (err: unknown) => {
      if (!closed) listener({ kind: 'problem', state: cameraStateFromError(err) });
    },
  );
  return () => {
    closed = true;
    if (own) stopAll(own);
    own = null;
  };
}

function stopAll(stream: StoppableStream): void {
  for (const track of stream.getTracks()) track.stop();
}
