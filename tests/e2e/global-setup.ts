import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SMILING_SHOTS, sampleFrame } from '../../src/cli/media/sample-frames';
import { solidImage } from '../../src/engine/vision/image';
import { speechWavPath, writeSpeechWav } from './support/speech';
import { writeClip } from '../../src/cli/analyze/y4m-writer';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'test-results', 'fixtures');
export const FACES_CLIP = join(FIXTURES, 'faces.y4m');
/** A plain grey clip: a camera that sees nobody, for tests that bring their evidence another way. */
export const EMPTY_CLIP = join(FIXTURES, 'empty.y4m');
/** One smiling person for six seconds, then six seconds of nobody, looping: someone stepping away. */
export const AWAY_CLIP = join(FIXTURES, 'away.y4m');
/** Built only where espeak-ng is installed; voice.spec.ts says so when it is missing. */
export const SPEECH_WAV = speechWavPath(FIXTURES);

/**
 * Builds the fake-camera clip the dashboard test plays (three smiling people, four seconds each) and the
 * fake-microphone speech the voice test plays.
 */
export default function globalSetup(): void {
  mkdirSync(FIXTURES, { recursive: true });
  writeClip(
    SMILING_SHOTS.map((shot) => sampleFrame(shot)),
    FACES_CLIP,
    { fps: 5, secondsPerImage: 4 },
  );
  writeClip([solidImage(320, 240, [128, 128, 128])], EMPTY_CLIP, { fps: 5, secondsPerImage: 1 });
  const [firstSmile] = SMILING_SHOTS;
  if (firstSmile) {
    writeClip([sampleFrame(firstSmile), solidImage(640, 480, [128, 128, 128])], AWAY_CLIP, {
      fps: 5,
      secondsPerImage: 6,
    });
  }
  try {
    writeSpeechWav(SPEECH_WAV);
  } catch (err) {
    console.warn(`no speech fixture (is espeak-ng installed?): ${err instanceof Error ? err.message : String(err)}`);
  }
}
