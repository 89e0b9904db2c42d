/** Plain, non-diagnostic words for the voice card: how a voice sounds, never what a person feels. */
import type { MoodLabel } from '../../shared/labels';
import type { CameraState, VoiceReading } from '../../shared/mood';

const SOUNDS: Record<MoodLabel, string | null> = {
  neutral: 'calm',
  happy: 'bright',
  sad: 'low',
  angry: 'tense',
  fearful: 'uneasy',
  disgusted: 'strained',
  surprised: 'lively',
  unknown: null,
};

/** One sentence about the latest voice reading. */
export function voiceWords(reading: VoiceReading | null): string {
  if (!reading) return 'No voice heard yet.';
  const sound = SOUNDS[reading.label];
  return sound ? `Your voice sounds ${sound}.` : 'Your voice was hard to read just now.';
}

const MICROPHONE_WORDS: Record<CameraState, string> = {
  off: 'Microphone off',
  starting: 'Starting the microphone…',
  on: 'Microphone on',
  denied: 'Microphone access was refused',
  busy: 'The microphone is in use by another app',
  unavailable: 'No microphone found',
  paused: 'Microphone paused',
};

export function microphoneWords(state: CameraState, paused: boolean): string {
  return MICROPHONE_WORDS[paused ? 'paused' : state];
}
