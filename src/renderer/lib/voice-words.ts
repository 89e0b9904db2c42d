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

/**
 * One sentence about the latest voice reading. `listening` false (the microphone is refused, paused, off or
 * missing) means no claim about the voice now: at most what it sounded like when last heard, with the time.
 */
export function voiceWords(
  reading: VoiceReading | null,
  listening = true,
  timeOf: (t: number) => string = (t) => String(t),
): string {
  const sound = reading ? SOUNDS[reading.label] : null;
  if (!listening) {
    const last = reading && sound ? ` When last heard, at ${timeOf(reading.endMs)}, your voice sounded ${sound}.` : '';
    return `Not listening now, so there is no voice reading.${last}`;
  }
  if (!reading) return 'No voice heard yet.';
  return sound ? `Your voice sounds ${sound}.` : 'Your voice was hard to read just now.';
}

/** Whether the microphone in this page is listening (null: another page captures, as in Electron). */
export function isListening(state: CameraState | null, paused: boolean): boolean {
  if (paused) return false;
  return state === null || state === 'on' || state === 'starting';
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
