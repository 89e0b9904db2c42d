/**
 * Words for "Teach Attune your expressions": the cues, the live check, what the personal model changed, and what a
 * reset forgets. Like the other words, they describe how Attune reads expressions, never the person's worth.
 */
import type { Emotion } from '../../shared/labels';
import type { LiveMood } from '../../shared/mood';
import type { ExpressionStep, LabelChange, PersonalInfo, PersonalModality } from '../../shared/personal-info';
import { errorWords } from './format';

export const TEACH_INTRO =
  'Everyone shows feelings a little differently. In about a minute, show Attune a few expressions on cue — ' +
  'relaxed, happy, sad, angry, surprised, afraid and disgusted, about 3 seconds each — and it learns how ' +
  'your face looks when you mean them. Any step can be skipped.';

export const TEACH_KEPT =
  'What is kept: only the seven numbers Attune’s models gave for each moment (for example “happy 0.62”), never a ' +
  'picture or a sound. Your corrections and check-ins that name a feeling are kept the same way.';

export const TEACH_LIMITS =
  'Posed faces are a rough guide, not a test: a real feeling often looks smaller. A wrong correction teaches the ' +
  'wrong thing; “Forget what Attune learnt” undoes everything at once.';

const FACE_CUE: Record<Emotion, string> = {
  neutral: 'a relaxed face, as when you read',
  happy: 'a happy face',
  sad: 'a sad face',
  angry: 'an angry face',
  surprised: 'a surprised face',
  fearful: 'a frightened face',
  disgusted: 'a disgusted face',
};

const TONE: Record<Emotion, string> = {
  neutral: 'a calm',
  happy: 'a happy',
  sad: 'a sad',
  angry: 'an angry',
  surprised: 'a surprised',
  fearful: 'a frightened',
  disgusted: 'a disgusted',
};

/** The sentence the voice steps ask the person to say. */
export const VOICE_SENTENCE = 'Kids are talking by the door.';

/** "Show a happy face" / "Say the sentence in a sad voice". */
export function cueWords(modality: PersonalModality, label: Emotion): string {
  return modality === 'face' ? `Show ${FACE_CUE[label]}.` : `Say “${VOICE_SENTENCE}” in ${TONE[label]} voice.`;
}

/** Plain name of a label inside a sentence ("your angry face"). */
const LABEL_WORD: Record<Emotion, string> = {
  neutral: 'relaxed',
  happy: 'happy',
  sad: 'sad',
  angry: 'angry',
  surprised: 'surprised',
  fearful: 'frightened',
  disgusted: 'disgusted',
};

const VOICE_WORD: Record<Emotion, string> = { ...LABEL_WORD, neutral: 'calm' };

const READ_AS: Record<Emotion, string> = {
  neutral: 'neutral',
  happy: 'happy',
  sad: 'sad',
  angry: 'angry',
  surprised: 'surprised',
  fearful: 'afraid',
  disgusted: 'disgusted',
};

/** The live check of a step: "Hold it… 3 of 5" / "No face in view" / "Got it". */
export function checkWords(step: ExpressionStep): string {
  switch (step.phase) {
    case 'idle':
      return '';
    case 'collecting':
      if (step.hint === 'no-face') return 'Looking for your face…';
      if (step.hint === 'low-quality') return 'Hold still, facing the light…';
      if (step.hint === 'smiling') return 'That looks like a smile: relax your face…';
      if (step.modality === 'voice') {
        return step.kept === 0
          ? 'Listening… say it when you are ready.'
          : `Listening… ${(step.kept / 1000).toFixed(1)} s of speech`;
      }
      return step.kept === 0 ? 'Ready when you are…' : `Hold it… ${step.kept} of ${step.needed}`;
    case 'done':
      return 'Got it.';
    case 'failed':
      return `${step.error.message || errorWords(step.error.kind)}`;
  }
}

/** Out of ten, rounded, never "0 in 10" for a count above 0 nor "10 in 10" for a count below the total. */
function inTen(count: number, total: number): number {
  if (total <= 0) return 0;
  const raw = Math.round((10 * count) / total);
  if (count > 0 && raw === 0) return 1;
  if (count < total && raw === 10) return 9;
  return raw;
}

/** Below this many examples a label's counts are told as they are ("2 times out of 3"), not out of ten. */
const OUT_OF_TEN_FROM = 10;

/**
 * "7 times in 10" and "8 in 10" for a label with 10 examples or more; "2 times out of 3" and "3 out of 3" below
 * that, so a step that kept one or two examples never reads as "10 times in 10".
 */
function shares(before: number, after: number, total: number): { before: string; after: string; less: boolean } {
  const t = Math.round(total);
  if (t >= OUT_OF_TEN_FROM) {
    const [b, a] = [inTen(before, total), inTen(after, total)];
    return { before: `${b} times in 10`, after: `${a} in 10`, less: a < b };
  }
  const [b, a] = [Math.round(before), Math.round(after)];
  return { before: `${b} ${b === 1 ? 'time' : 'times'} out of ${t}`, after: `${a} out of ${t}`, less: a < b };
}

/**
 * "Before calibration your angry face read as neutral 7 times in 10; now it reads as angry 8 in 10." Null when
 * nothing changed for that label (it was read right before and after).
 */
export function changeWords(modality: PersonalModality, change: LabelChange): string | null {
  const what = modality === 'face' ? `your ${LABEL_WORD[change.label]} face` : `your ${VOICE_WORD[change.label]} voice`;
  const told = shares(change.before.count, change.after, change.total);
  const wasRight = change.before.label === change.label;
  if (wasRight && !told.less)
    return `${capital(what)} already read as ${READ_AS[change.label]} ${told.before}; it still does (${told.after}).`;
  const was = `${READ_AS[change.before.label]} ${told.before}`;
  // Read wrong before and never right now: no change to tell as one ("now it reads as neutral 0 in 10").
  if (!wasRight && change.after === 0) {
    return `${capital(what)} read as ${was} before calibration; calibration has not yet taught Attune to read it as ${READ_AS[change.label]}.`;
  }
  return `Before calibration ${what} read as ${was}; now it reads as ${READ_AS[change.label]} ${told.after}.`;
}

/**
 * The changes worth telling first: the biggest gains, at most `limit`. Only of a modality whose personal model is
 * on: one that stayed off (it did not read the person's own examples better) changed no reading, so "now it reads
 * as …" would not be true, and personalWords already says readings are unchanged.
 */
export function notableChanges(info: PersonalInfo, limit = 3): string[] {
  const all: { gain: number; text: string | null }[] = [];
  for (const modality of ['face', 'voice'] as const) {
    if (!info[modality].active) continue;
    for (const c of info[modality].changes) {
      const before = c.before.label === c.label ? c.before.count : 0;
      all.push({ gain: (c.after - before) / Math.max(1, c.total), text: changeWords(modality, c) });
    }
  }
  return all
    .filter((c): c is { gain: number; text: string } => c.text !== null)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, limit)
    .map((c) => c.text);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The state of the personal model in a sentence. */
export function personalWords(info: PersonalInfo): string {
  const face = info.face;
  const voice = info.voice;
  if (face.examples + voice.examples === 0) return 'Attune reads you with its general models: nothing learnt yet.';
  const steps = (m: typeof face): number => m.changes.length;
  const parts: string[] = [];
  if (steps(face) > 0) parts.push(`${plural(steps(face), 'face expression', 'face expressions')}`);
  if (steps(voice) > 0) parts.push(`${plural(steps(voice), 'voice tone', 'voice tones')}`);
  const moments =
    face.bySource.correction + voice.bySource.correction + face.bySource['check-in'] + voice.bySource['check-in'];
  if (moments > 0) parts.push(plural(moments, 'correction or check-in', 'corrections or check-ins'));
  if (face.bySource.migrated + voice.bySource.migrated > 0) parts.push('your earlier calibration');
  const active = face.active || voice.active;
  const learnt = `Learnt from ${parts.join(', ')}.`;
  return active
    ? `${learnt} Readings are personalised to you.`
    : `${learnt} So far the general models read you as well, so readings are unchanged.`;
}

/** What "Forget what Attune learnt" will lose, for its confirmation. */
export function resetWords(info: PersonalInfo): string {
  const n = info.face.examples + info.voice.examples;
  return (
    `This forgets ${plural(n, 'moment', 'moments')} Attune learnt from — every calibration step, correction and ` +
    'check-in it used to read you — and goes back to its general models. Your mood history stays. This cannot be undone.'
  );
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The Live card's line about personalisation: whether this reading went through the personal model (only when a
 * personalised modality carries it), or that the stored model could not be read. Null when there is nothing to say.
 */
export function personalMarkWords(
  info: PersonalInfo | null,
  mood: LiveMood | null,
): { kind: 'personalised' | 'generic'; text: string; problem: boolean } | null {
  if (!info) return null;
  if (info.problem) {
    return {
      kind: 'generic',
      text: 'Read with the general models: what you taught Attune could not be read.',
      problem: true,
    };
  }
  if (!mood || mood.label === 'unknown') return null;
  const carried = (m: PersonalModality): boolean => info[m].active && mood.modalities[m].share > 0;
  const which = (['face', 'voice'] as const).filter(carried);
  if (which.length === 0) return null;
  return {
    kind: 'personalised',
    text: `Personalised: your ${which.join(' and ')} read with what you taught Attune.`,
    problem: false,
  };
}
