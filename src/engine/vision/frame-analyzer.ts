import type { FaceObservation } from '../../shared/mood';

/** A camera frame in memory: RGBA, row-major. Never written anywhere. */
export interface Frame {
  t: number;
  width: number;
  height: number;
  data: Uint8Array;
}

/** What the engine needs of the face pipeline. */
export interface FrameAnalyzer {
  process(image: { width: number; height: number; data: Uint8Array }, t: number): Promise<FaceObservation>;
  release(): Promise<void>;
}
