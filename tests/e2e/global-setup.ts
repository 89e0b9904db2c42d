import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SMILING_SHOTS, sampleFrame } from '../../src/cli/sample-frames';
import { writeClip } from './support/y4m';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'test-results', 'fixtures');
export const FACES_CLIP = join(FIXTURES, 'faces.y4m');

/** Builds the fake-camera clip the dashboard test plays: three smiling people, four seconds each. */
export default function globalSetup(): void {
  mkdirSync(FIXTURES, { recursive: true });
  writeClip(
    SMILING_SHOTS.map((shot) => sampleFrame(shot)),
    FACES_CLIP,
    { fps: 5, secondsPerImage: 4 },
  );
}
