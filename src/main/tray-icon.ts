/**
 * The tray icon, drawn in code rather than shipped as files. It reflects the mood by family, in calm,
 * muted colours that say "how things seem" rather than raise an alarm (no red for anger, no flashing),
 * and shows paused and off by shape as well as colour, so they read without colour vision:
 * - a filled disc in the family's colour while watching, a neutral slate one when the mood is unknown;
 * - a grey disc with the two bars of a pause sign cut out while paused;
 * - a hollow grey ring when nothing is sensed (engine down, or every sensor switched off).
 * Pixels are BGRA, the byte order nativeImage.createFromBitmap expects.
 */
import type { Emotion } from '../shared/labels';
import type { AppStatus, LiveMood } from '../shared/mood';

/** Icon side in device-independent pixels (16); tray.ts draws it at twice that for high-DPI screens. */
export const TRAY_ICON_SIZE = 16;

/** Moods grouped by how they feel to live with, so the icon changes rarely and never diagnoses. */
export type MoodFamily = 'steady' | 'bright' | 'low' | 'tense';

export type TrayIconState = MoodFamily | 'unknown' | 'paused' | 'off';

export const MOOD_FAMILY: Readonly<Record<Emotion, MoodFamily>> = {
  neutral: 'steady',
  happy: 'bright',
  surprised: 'bright',
  sad: 'low',
  angry: 'tense',
  fearful: 'tense',
  disgusted: 'tense',
};

type Rgb = readonly [number, number, number];

/** Muted colours of similar lightness, so no state shouts louder than another. */
export const TRAY_COLOURS: Readonly<Record<TrayIconState, Rgb>> = {
  steady: [0x2a, 0x9d, 0x8f], // teal
  bright: [0xd9, 0xa4, 0x41], // soft amber
  low: [0x5b, 0x86, 0xc0], // soft blue
  tense: [0x8e, 0x7c, 0xc3], // lavender
  unknown: [0x7d, 0x8b, 0x99], // slate
  paused: [0x8a, 0x8f, 0x98], // grey
  off: [0x8a, 0x8f, 0x98], // grey
};

/**
 * Which icon the tray shows. Paused wins over everything; then "off" when nothing can be sensed (the
 * engine failed or stopped, or the person switched every sensor off); then the mood's family, or
 * unknown while starting or when the evidence is too weak to name a mood.
 */
export function trayIconState(status: AppStatus, mood: LiveMood | null, sensorsOff = false): TrayIconState {
  if (status.paused) return 'paused';
  if (status.engine === 'failed' || status.engine === 'stopped' || sensorsOff) return 'off';
  if (status.engine !== 'ready' || !mood || mood.label === 'unknown') return 'unknown';
  return MOOD_FAMILY[mood.label];
}

/** How much of the pixel centred at (px, py) the disc of `radius` about `centre` covers, with a 1-px edge. */
function discCoverage(px: number, py: number, centre: number, radius: number): number {
  const distance = Math.hypot(px - centre, py - centre);
  return Math.min(1, Math.max(0, radius + 0.5 - distance));
}

/** Whether a pixel centre falls inside one of the pause sign's two bars (fractions of the side). */
function inPauseBars(px: number, py: number, size: number): boolean {
  const x = px / size;
  const y = py / size;
  const inColumn = (x >= 0.33 && x <= 0.45) || (x >= 0.55 && x <= 0.67);
  return inColumn && y >= 0.3 && y <= 0.7;
}

export function trayIconBitmap(state: TrayIconState, size = TRAY_ICON_SIZE): Uint8Array {
  const [r, g, b] = TRAY_COLOURS[state];
  const out = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - 1;
  // The ring is 2 DIP wide at any scale (size / 8 px), thick enough to read on a busy panel.
  const ringWidth = size / 8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let coverage = discCoverage(px, py, centre, radius);
      if (state === 'off') coverage = Math.max(0, coverage - discCoverage(px, py, centre, radius - ringWidth));
      if (state === 'paused' && inPauseBars(px, py, size)) coverage = 0;
      const i = (y * size + x) * 4;
      out[i] = b;
      out[i + 1] = g;
      out[i + 2] = r;
      out[i + 3] = Math.round(coverage * 255);
    }
  }
  return out;
}
