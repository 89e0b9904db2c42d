/**
 * Picks frames the way the live capture page does: one per 1/fps seconds of media time, so the engine sees a
 * recorded clip at the same rate it sees the camera, whatever rate the clip was recorded at.
 */

/** The live app's capture rate, frames per second of media time. */
export const DEFAULT_ANALYZE_FPS = 2;

/**
 * Returns a stateful predicate over (index, t ms) that keeps the first frame in each 1/fps slot. Frames
 * must be asked about in order; a clip slower than `fps` keeps every frame.
 */
export function sampleEvery(fps: number): (index: number, t: number) => boolean {
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`fps must be positive, got ${fps}`);
  let lastSlot = -1;
  return (_index, t) => {
    // The epsilon absorbs float error in t = index·den/num, so a frame exactly on a slot edge counts there.
    const slot = Math.floor((t * fps) / 1000 + 1e-6);
    if (slot <= lastSlot) return false;
    lastSlot = slot;
    return true;
  };
}
