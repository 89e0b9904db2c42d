/**
 * Where the face box goes on the camera preview. The engine reports the box in the pixels of the frame it
 * analysed; the preview shows the same camera at another size (letterboxed by `object-fit: contain`) and,
 * like a mirror, flipped left to right. Pure.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/** The part of an element of size `element` that a picture of size `picture` fills under `object-fit: contain`. */
export function containRect(picture: Size, element: Size): Rect {
  if (picture.width <= 0 || picture.height <= 0 || element.width <= 0 || element.height <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  const scale = Math.min(element.width / picture.width, element.height / picture.height);
  const width = picture.width * scale;
  const height = picture.height * scale;
  return { x: (element.width - width) / 2, y: (element.height - height) / 2, width, height };
}

/**
 * The face box in element pixels: `box` is in the pixels of the analysed `frame`, `shown` is where that frame's
 * picture lies in the element (see {@link containRect}). With `mirrored` (the preview is flipped horizontally)
 * the box is flipped the same way. The result is clipped to `shown`; null when nothing of it is left.
 */
export function boxOnPreview(box: Rect, frame: Size, shown: Rect, mirrored: boolean): Rect | null {
  if (frame.width <= 0 || frame.height <= 0 || shown.width <= 0 || shown.height <= 0) return null;
  const sx = shown.width / frame.width;
  const sy = shown.height / frame.height;
  const left = mirrored ? frame.width - (box.x + box.width) : box.x;
  const x0 = Math.max(shown.x, shown.x + left * sx);
  const y0 = Math.max(shown.y, shown.y + box.y * sy);
  const x1 = Math.min(shown.x + shown.width, shown.x + (left + box.width) * sx);
  const y1 = Math.min(shown.y + shown.height, shown.y + (box.y + box.height) * sy);
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
