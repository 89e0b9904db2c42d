import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeClip, type Shot } from './support/y4m';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'test-results', 'fixtures');
export const FACES_CLIP = join(FIXTURES, 'faces.y4m');

const SAMPLES = join(import.meta.dirname, '..', '..', 'node_modules', '@vladmandic', 'face-api', 'demo');

/**
 * Webcam-like views of one smiling person each, cut from face-api's group photos (real faces,
 * MIT-licensed, shipped in a dev dependency, never committed).
 */
export const SMILING_SHOTS: Shot[] = [
  { file: join(SAMPLES, 'sample3.jpg'), crop: { x: 794, y: 30, width: 800, height: 600 } },
  { file: join(SAMPLES, 'sample1.jpg'), crop: { x: 1120, y: 0, width: 800, height: 600 } },
  { file: join(SAMPLES, 'sample6.jpg'), crop: { x: 449, y: 192, width: 640, height: 480 } },
];

/** Builds the fake-camera clip the dashboard test plays. */
export default function globalSetup(): void {
  mkdirSync(FIXTURES, { recursive: true });
  writeClip(SMILING_SHOTS, FACES_CLIP, { width: 640, height: 480, fps: 5, secondsPerPhoto: 4 });
}
