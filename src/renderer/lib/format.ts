/**
 * Words the dashboard shows. Everything describes an *expression estimate*, never a diagnosis or a
 * judgement of the person ("looks", "seems", not "you are").
 */
import type { ErrorKind } from '../../shared/envelope';
import type { MoodLabel } from '../../shared/labels';
import type { CameraState, EngineState, FaceObservation, QualityFlag } from '../../shared/mood';

const LABEL_WORDS: Record<MoodLabel, string> = {
  neutral: 'Neutral',
  happy: 'Happy',
  sad: 'Sad',
  angry: 'Angry',
  fearful: 'Fearful',
  disgusted: 'Disgusted',
  surprised: 'Surprised',
  unknown: 'Not sure yet',
};

export function labelWords(label: MoodLabel): string {
  return LABEL_WORDS[label];
}

/** A hint under the label, for the cases where Attune cannot name one. */
export function labelHint(label: MoodLabel): string | null {
  return label === 'unknown' ? 'Attune needs to see your face clearly to make an estimate.' : null;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** A [0, 1] fraction as a whole percent, e.g. 0.426 → "43%". Out-of-range and NaN values are clamped to 0…100. */
export function percent(fraction: number): string {
  const safe = Number.isFinite(fraction) ? clamp(fraction, 0, 1) : 0;
  return `${Math.round(safe * 100)}%`;
}

/** Valence in [-1, 1] in plain words. Bands of 0.4 around 0 so small jitter reads as "neither". */
export function valenceWords(valence: number): string {
  if (valence >= 0.6) return 'very pleasant';
  if (valence >= 0.2) return 'pleasant';
  if (valence > -0.2) return 'neither pleasant nor unpleasant';
  if (valence > -0.6) return 'unpleasant';
  return 'very unpleasant';
}

/** Arousal in [-1, 1] in plain words. */
export function arousalWords(arousal: number): string {
  if (arousal >= 0.6) return 'very energetic';
  if (arousal >= 0.2) return 'energetic';
  if (arousal > -0.2) return 'balanced';
  if (arousal > -0.6) return 'calm';
  return 'very calm';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time of a Unix-ms instant as HH:MM (24-hour). */
export function clockTime(t: number): string {
  const d = new Date(t);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Unix ms of the local midnight that starts the day containing `t`. */
export function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const CAMERA_WORDS: Record<CameraState, string> = {
  off: 'Camera is off',
  starting: 'Starting the camera…',
  on: 'Camera is on',
  denied: 'Camera permission was refused',
  busy: 'Camera is used by another app',
  unavailable: 'No camera found',
  paused: 'Paused',
};

const CAMERA_HINTS: Partial<Record<CameraState, string>> = {
  denied: 'Allow camera access for Attune in your system or browser settings, then pause and resume Attune.',
  busy: 'Close the other app that uses the camera. Attune will try again by itself.',
  unavailable: 'Connect a camera. Attune will look for it again in a moment.',
  paused: 'Attune is not looking. Resume whenever you like.',
};

export function cameraWords(state: CameraState, paused: boolean): { text: string; hint: string | null } {
  const shown = paused ? 'paused' : state;
  return { text: CAMERA_WORDS[shown], hint: CAMERA_HINTS[shown] ?? null };
}

export type Tone = 'ok' | 'idle' | 'problem';

/** How a camera state should look: fine, resting, or something the user may want to fix. */
export function cameraTone(state: CameraState, paused: boolean): Tone {
  if (paused) return 'idle';
  if (state === 'on') return 'ok';
  if (state === 'denied' || state === 'busy' || state === 'unavailable') return 'problem';
  return 'idle';
}

const ENGINE_WORDS: Record<EngineState, string | null> = {
  starting: 'Attune is getting ready…',
  ready: null,
  restarting: 'Attune is restarting…',
  failed: 'Attune has stopped working.',
  stopped: 'Attune is not running.',
};

/** A sentence about the engine when it is not simply ready; null when there is nothing to say. */
export function engineWords(state: EngineState, problem: string | null): string | null {
  const base = ENGINE_WORDS[state];
  if (problem) return base ? `${base} ${problem}` : problem;
  return base;
}

const FLAG_HINTS: Record<QualityFlag, string> = {
  'no-face': 'Sit where the camera can see you.',
  'too-small': 'Move a little closer to the camera.',
  'too-dark': 'It is a bit dark; more light on your face would help.',
  overexposed: 'There is a lot of light; try turning away from a bright window.',
  blurred: 'The picture is blurry; the camera may need a moment to focus.',
  'turned-away': 'Face the screen for a moment.',
};

export interface FaceWords {
  detected: boolean;
  text: string;
  hints: string[];
}

/** Face detection in words. `looking` is false while the camera is off or paused: then nothing is seen. */
export function faceWords(face: FaceObservation | null, looking: boolean): FaceWords {
  if (!looking) return { detected: false, text: 'Not looking right now', hints: [] };
  if (!face) return { detected: false, text: 'Waiting for the first picture…', hints: [] };
  const detected = face.faceCount > 0 && face.face !== null && !face.flags.includes('no-face');
  const hints = face.flags.filter((f) => detected || f === 'no-face').map((f) => FLAG_HINTS[f]);
  if (!detected) return { detected, text: 'No face in view', hints: hints.length ? hints : [FLAG_HINTS['no-face']] };
  const text = face.faceCount > 1 ? `${face.faceCount} faces in view; following the largest` : 'Face in view';
  return { detected, text, hints };
}

const ERROR_WORDS: Record<ErrorKind, string> = {
  'camera-busy': 'The camera is used by another app.',
  'camera-denied': 'Camera permission was refused.',
  'model-missing': 'A file Attune needs is missing. Reinstalling Attune should fix this.',
  'model-corrupt': 'A file Attune needs is damaged. Reinstalling Attune should fix this.',
  'database-unreadable': 'Your mood history could not be read.',
  'disk-full': 'Attune could not save this because the disk is full. Free some space, then try again.',
  'data-folder-read-only': 'Attune could not save this because it may not write to its folder.',
  'bad-input': 'Attune received something it did not understand.',
  'engine-unavailable': 'Attune is not reachable right now. It will reconnect by itself.',
  unauthorized: 'This page is not allowed to talk to Attune. Open it again from the link Attune printed.',
  'camera-off': 'The camera is off. Turn it on in Settings, then try again.',
  'microphone-off': 'The microphone is off. Turn it on in Settings → Sensors, then try again.',
  'no-face': 'No face was found. Face the camera, with some light on your face.',
  'timed-out': 'That step ran out of time. You can try it again or skip it.',
  paused: 'Attune is paused, so it cannot learn from this now. Resume, then try again.',
  internal: 'Something went wrong inside Attune.',
};

export function errorWords(kind: ErrorKind): string {
  return ERROR_WORDS[kind];
}
