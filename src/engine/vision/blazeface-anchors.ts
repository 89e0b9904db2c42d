/** An SSD anchor centre in normalised input coordinates (0..1). Sizes are fixed at 1, so omitted. */
export interface Anchor {
  readonly x: number;
  readonly y: number;
}

/** One run of anchors sharing a stride, in the order the model's outputs list them. */
export interface AnchorLayer {
  /** Input px per grid cell. */
  readonly stride: number;
  /** Anchors per grid cell. */
  readonly perCell: number;
}

/**
 * MediaPipe's face_detection_short_range SSD options (ssd_anchors_calculator): 128×128 input,
 * strides [8, 16, 16, 16], one aspect ratio plus the interpolated one, fixed anchor size 1.
 * Layers sharing a stride are merged, giving 16×16 cells × 2 anchors, then 8×8 cells × 6.
 */
export const BLAZEFACE_FRONT_LAYERS: readonly AnchorLayer[] = [
  { stride: 8, perCell: 2 },
  { stride: 16, perCell: 6 },
];

/**
 * Generates anchors row by row, cell by cell, then per anchor within the cell, as MediaPipe does;
 * each centre is offset half a cell (anchor_offset 0.5).
 */
export function generateAnchors(inputSize: number, layers: readonly AnchorLayer[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const { stride, perCell } of layers) {
    const cells = Math.ceil(inputSize / stride);
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        const anchor = { x: (x + 0.5) / cells, y: (y + 0.5) / cells };
        for (let k = 0; k < perCell; k++) anchors.push(anchor);
      }
    }
  }
  return anchors;
}
