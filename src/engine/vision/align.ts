import type { Point } from '../../shared/mood';
import { KEYPOINT, type Detection } from './blazeface-decode';
import type { RgbaImage } from './image';
import { areaShrink } from './area';
import { warpAffine, warpAffineWithTaps, type Affine } from './warp';

/** A square, possibly rotated, region of the source: what an expression model gets to see. */
export interface FaceCrop {
  /** Centre, source px. */
  centre: Point;
  /** Side, source px. */
  side: number;
  /** Rotation, radians, clockwise in image coordinates: the angle of the line from right eye to left eye. */
  angle: number;
}

export interface CropOptions {
  /**
   * Crop side as a multiple of the detector box side. Default 1.16: running this detector on 600
   * FER2013 Training crops gave a median box width of 0.86 of the crop (1 / 0.86 ≈ 1.16), so this
   * frames a face the way the FER-trained expression models saw faces in training.
   */
  scale?: number;
  /**
   * How far the crop centre sits above the box centre, as a fraction of the crop side, measured
   * along the face's own vertical. Default 0.075: on those FER2013 crops the box centre sat at
   * 0.575 of the height (forehead in, neck out).
   */
  raise?: number;
  /** Rotate so the eyes are level. Default true. */
  rotate?: boolean;
}

/** Angle that levels the eyes: the direction from the right eye (image left) to the left eye. */
export function eyeAngle(rightEye: Point, leftEye: Point): number {
  return Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x);
}

/** The eye-levelled square crop for a detection (source px). */
export function faceCrop(d: Detection, options: CropOptions = {}): FaceCrop {
  const scale = options.scale ?? 1.16;
  const raise = options.raise ?? 0.075;
  const re = d.keypoints[KEYPOINT.rightEye];
  const le = d.keypoints[KEYPOINT.leftEye];
  const angle = re && le && options.rotate !== false ? eyeAngle(re, le) : 0;
  const side = Math.max(d.xMax - d.xMin, d.yMax - d.yMin) * scale;
  // "Up" in the face's frame is (sin a, -cos a) in image coordinates.
  const lift = raise * side;
  return {
    centre: {
      x: (d.xMin + d.xMax) / 2 + Math.sin(angle) * lift,
      y: (d.yMin + d.yMax) / 2 - Math.cos(angle) * lift,
    },
    side,
    angle,
  };
}

/** The crop covering a whole image, unrotated (for pre-cropped data such as FER2013). */
export function wholeImageCrop(width: number, height: number): FaceCrop {
  return { centre: { x: width / 2, y: height / 2 }, side: Math.max(width, height), angle: 0 };
}

/** The inverse map of a crop resampled to size × size: output (u, v) → source (x, y). */
export function cropAffine(crop: FaceCrop, size: number): Affine {
  const k = crop.side / size;
  const cos = Math.cos(crop.angle) * k;
  const sin = Math.sin(crop.angle) * k;
  const h = size / 2;
  return {
    a: cos,
    b: -sin,
    c: crop.centre.x - cos * h + sin * h,
    d: sin,
    e: cos,
    f: crop.centre.y - sin * h - cos * h,
  };
}

/** Taps per side extractCrop uses for a crop: about one per source pixel of shrink, 1 to 4. */
export function cropSamples(crop: FaceCrop, size: number): number {
  return Math.min(4, Math.max(1, Math.round(crop.side / size)));
}

/**
 * Resamples a crop to size × size with about one tap per source pixel of shrink (at most 4 × 4):
 * a 258 px face crop becomes 112 px with 2 × 2 taps, 64 px with 4 × 4.
 */
export function extractCrop(image: RgbaImage, crop: FaceCrop, size: number): RgbaImage {
  return warpAffine(image, size, size, cropAffine(crop, size), cropSamples(crop, size));
}

/**
 * Grid cells per output pixel a smaller crop needs before it is area-averaged from the largest crop's taps
 * rather than warped on its own. At 3.5 (a 64 px crop from 224 taps) the crops measured nearly the same as
 * their own warps (sharpness −5 %, mean |Δ| 0.2 grey levels); at 1.75 they came out visibly softer (−20 %).
 */
export const MIN_CELLS_PER_PIXEL = 3;

/**
 * Grid cells per side, over the crop's own taps per side, above which averaging the grid costs more than
 * the crop's own warp: a cell costs about half a tap (0.31 ms for 224² cells against 0.79 ms for the 256²
 * taps of a 64 px crop), so the grid must not be much finer than the warp it replaces. With a 336-cell grid
 * (faces of 300–390 px) a 64 px crop of 4 × 4 taps took 1.1 × its own warp.
 */
export const MAX_CELLS_PER_TAP = 1.25;

/** Whether the crop at `size` comes from a grid of `cells` per side (see the two limits above). */
function fromGrid(crop: FaceCrop, size: number, cells: number): boolean {
  const n = cropSamples(crop, size);
  return n > 1 && cells >= MIN_CELLS_PER_PIXEL * size && cells <= MAX_CELLS_PER_TAP * n * size;
}

/**
 * The crop at each of `sizes`, as {@link extractCrop} makes them, with less work for large faces: when the
 * largest crop is supersampled, its taps are kept (a grid of about one bilinear tap per source pixel) and a
 * smaller crop that would be supersampled too is area-averaged from that grid instead of tapping the frame
 * again. The largest crop, and every crop of a small face (FER2013's 48 × 48 images included), are exactly
 * extractCrop's.
 */
export function extractCrops(image: RgbaImage, crop: FaceCrop, sizes: readonly number[]): Map<number, RgbaImage> {
  const out = new Map<number, RgbaImage>();
  const largest = Math.max(...sizes);
  const n = cropSamples(crop, largest);
  const grid = (size: number): boolean => n > 1 && size !== largest && fromGrid(crop, size, largest * n);
  if (!sizes.some(grid)) {
    for (const size of sizes) if (!out.has(size)) out.set(size, extractCrop(image, crop, size));
    return out;
  }
  const { image: top, taps } = warpAffineWithTaps(image, largest, largest, cropAffine(crop, largest), n);
  out.set(largest, top);
  for (const size of sizes) {
    if (!out.has(size)) out.set(size, grid(size) ? areaShrink(taps, size, size) : extractCrop(image, crop, size));
  }
  return out;
}
