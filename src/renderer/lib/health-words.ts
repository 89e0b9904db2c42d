/**
 * The dashboard's words for what Attune cannot do right now (AppStatus.problems, and a camera another program
 * holds): what stopped, what still works, and what the person can do. Plain words: no codes, no file formats,
 * nothing that sounds like a judgement about the person.
 */
import type { ErrorKind } from '../../shared/envelope';
import type { HealthPart } from '../../shared/health';
import type { AppStatus } from '../../shared/mood';

export interface HealthNotice {
  /** Stable per notice, for keyed lists and tests. */
  key: HealthPart | 'camera';
  text: string;
}

const DATABASE_WORDS: Partial<Record<ErrorKind, string>> = {
  'database-unreadable':
    "Attune can't read its saved mood history: the file is damaged, isn't Attune's, or comes from a newer " +
    'Attune. Live mood still works, but nothing is saved for now. Update Attune if you use a newer one elsewhere; ' +
    "to start a fresh history, move attune.sqlite out of Attune's data folder and restart Attune.",
  'data-folder-read-only':
    "Attune can't write to its data folder, so your mood history isn't open. Live mood still works, but nothing " +
    'is saved. Make the folder writable, then restart Attune.',
  'disk-full':
    "Attune can't open your mood history because the disk is full. Live mood still works, but nothing is saved. " +
    'Free some space, then restart Attune.',
};

const SAVING_WORDS: Partial<Record<ErrorKind, string>> = {
  'disk-full':
    "Attune can't save to its folder because the disk is full. Live mood still works; history resumes by itself " +
    'when there is space.',
  'data-folder-read-only':
    "Attune can't save to its folder because it may no longer write there. Live mood still works; history " +
    'resumes by itself once the folder can be written to.',
};

const SAVING_OTHER = "Attune can't save to its folder right now. Live mood still works; Attune keeps trying to save.";

type Modality = 'face' | 'voice' | 'text';

/** What each model reads, and its name in a list of what still works. */
const MODALITY_WORDS: Record<Modality, { reads: string; name: string }> = {
  face: { reads: 'facial expressions', name: 'face' },
  voice: { reads: 'your tone of voice', name: 'voice' },
  text: { reads: 'written words or check-ins', name: 'written words' },
};

/** "Face and written words still work." for the modalities that do; empty when none does. */
function stillWorks(working: readonly Modality[]): string {
  const names = working.map((m) => MODALITY_WORDS[m].name);
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  // "Written words" is plural on its own.
  const plural = names.length > 1 || working[0] === 'text';
  const sentence = `${list ?? ''} still ${plural ? 'work' : 'works'}.`;
  return ` ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}

function modelWords(part: Modality, kind: ErrorKind, working: readonly Modality[]): string {
  const why = kind === 'model-missing' ? 'is missing' : 'is damaged';
  return (
    `Attune can't read ${MODALITY_WORDS[part].reads} because a file it needs ${why}.${stillWorks(working)} ` +
    'Reinstalling Attune should fix this.'
  );
}

function cameraBusyWords(working: readonly Modality[]): string {
  return (
    `Another program is using the camera.${stillWorks(working)} Attune tries the camera again by itself; closing ` +
    'the other program frees it.'
  );
}

/** Every notice the status calls for, most basic first: history, saving, then each modality, then the camera. */
export function healthNotices(status: AppStatus | null): HealthNotice[] {
  if (!status || status.engine !== 'ready') return [];
  const notices: HealthNotice[] = [];
  const problems = status.problems ?? [];
  const cameraBusy = status.camera === 'busy' && !status.paused;
  // Each notice says what still works, so two problems at once do not promise each other's part.
  const working = (['face', 'voice', 'text'] as const).filter(
    (m) => !problems.some((p) => p.part === m) && !(m === 'face' && cameraBusy),
  );
  for (const part of ['database', 'saving', 'face', 'voice', 'text'] as const) {
    const problem = problems.find((p) => p.part === part);
    if (!problem) continue;
    const text =
      part === 'database'
        ? (DATABASE_WORDS[problem.kind] ?? DATABASE_WORDS['database-unreadable'])
        : part === 'saving'
          ? (SAVING_WORDS[problem.kind] ?? SAVING_OTHER)
          : modelWords(part, problem.kind, working);
    notices.push({ key: part, text: text ?? SAVING_OTHER });
  }
  if (cameraBusy) notices.push({ key: 'camera', text: cameraBusyWords(working) });
  return notices;
}
