import { iou, type Detection } from './blazeface-decode';

export interface PrimaryOptions {
  /**
   * Candidates whose rank is at least this fraction of the best rank count as tied. Default 0.8:
   * two people at a desk rarely differ by less, while one face's box jitters by far less.
   */
  tieRatio?: number;
  /** Minimum IoU with the previous primary face for a tied candidate to be "the same person". Default 0.3. */
  minIou?: number;
}

/**
 * How much a face looks like the user's: box side relative to the image's longer side, times a
 * centrality factor that falls from 1 at the centre to 0.5 at a corner.
 */
export function primaryRank(d: Detection, width: number, height: number): number {
  const side = Math.max(d.xMax - d.xMin, d.yMax - d.yMin) / Math.max(width, height);
  const dx = ((d.xMin + d.xMax) / 2 - width / 2) / (width / 2);
  const dy = ((d.yMin + d.yMax) / 2 - height / 2) / (height / 2);
  const off = Math.min(1, Math.hypot(dx, dy) / Math.SQRT2);
  return side * (1 - 0.5 * off);
}

/**
 * Picks the face to analyse: the best-ranked one, except that among near-ties the one overlapping
 * the previous frame's primary face wins, so the pipeline does not hop between two similar people.
 * Returns undefined when there are no detections.
 */
export function choosePrimary(
  detections: readonly Detection[],
  width: number,
  height: number,
  previous: Detection | null,
  options: PrimaryOptions = {},
): Detection | undefined {
  const tieRatio = options.tieRatio ?? 0.8;
  const minIou = options.minIou ?? 0.3;
  const ranked = detections.map((d) => ({ d, rank: primaryRank(d, width, height) })).sort((a, b) => b.rank - a.rank);
  const best = ranked[0];
  if (!best) return undefined;
  if (!previous) return best.d;
  let chosen = best.d;
  let bestOverlap = minIou;
  for (const { d, rank } of ranked) {
    if (rank < tieRatio * best.rank) break;
    const overlap = iou(d, previous);
    if (overlap >= bestOverlap) {
      bestOverlap = overlap;
      chosen = d;
    }
  }
  return chosen;
}
