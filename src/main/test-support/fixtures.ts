/** The app status and live mood the tray's tests start from. */
import type { AppStatus, LiveMood } from '../../shared/mood';

export const appStatus = (patch: Partial<AppStatus> = {}): AppStatus => ({
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 1,
  lastFrameAt: null,
  problem: null,
  ...patch,
});

/** A confident mood, all of it from the face; the probabilities put everything on the label (neutral if unknown). */
export function liveMood(label: LiveMood['label'], patch: Partial<LiveMood> = {}): LiveMood {
  const probs = { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };
  probs[label === 'unknown' ? 'neutral' : label] = 1;
  return {
    t: 0,
    label,
    probs,
    valence: 0,
    arousal: 0,
    confidence: 0.9,
    modalities: {
      face: { share: 1, probs: null, lastAt: null },
      voice: { share: 0, probs: null, lastAt: null },
      text: { share: 0, probs: null, lastAt: null },
    },
    ...patch,
  };
}
