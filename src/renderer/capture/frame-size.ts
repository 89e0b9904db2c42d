/**
 * The largest size with the source's aspect ratio that fits in maxWidth × maxHeight, never upscaled.
 * Sides are rounded to whole pixels and are at least 1.
 */
export function fitWithin(
  width: number,
  height: number,
  maxWidth = 640,
  maxHeight = 480,
): { width: number; height: number } {
  if (width <= 0 || height <= 0) throw new RangeError(`bad source size ${width}×${height}`);
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
