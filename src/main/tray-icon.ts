/**
 * The tray icon, drawn in code rather than shipped as a file: a filled disc, teal while watching,
 * grey while paused. Pixels are BGRA, the byte order nativeImage.createFromBitmap expects.
 */

/** Icon side in device-independent pixels (16); tray.ts draws it at twice that for high-DPI screens. */
export const TRAY_ICON_SIZE = 16;

const ACTIVE: readonly [number, number, number] = [0x2a, 0x9d, 0x8f];
const PAUSED: readonly [number, number, number] = [0x8a, 0x8f, 0x98];

export function trayIconBitmap(paused: boolean, size = TRAY_ICON_SIZE): Uint8Array {
  const [r, g, b] = paused ? PAUSED : ACTIVE;
  const out = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      // One pixel of linear fall-off smooths the edge.
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - distance));
      const i = (y * size + x) * 4;
      out[i] = b;
      out[i + 1] = g;
      out[i + 2] = r;
      out[i + 3] = Math.round(coverage * 255);
    }
  }
  return out;
}
