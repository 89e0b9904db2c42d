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
    "Attune can't read its saved mood history: the file is damaged or isn't Attune's. Live mood still works, " +
    "but nothing is saved for now. To start a fresh history, move attune.sqlite out of Attune's data folder and " +
    'restart Attune.',
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

/** What each model reads, and what keeps working without it. */
const MODEL_PARTS = {
  face: { reads: 'facial expressions', still: 'Voice and written words still work.' },
  voice: { reads: 'your tone of voice', still: 'Face and written words still work.' },
  text: { reads: 'written words or check-ins', still: 'Face and voice still work.' },
} as const;

function modelWords(part: keyof typeof MODEL_PARTS, kind: ErrorKind): string {
  const why = kind === 'model-missing' ? 'is missing' : 'is damaged';
  const { reads, still } = MODEL_PARTS[part];
  return `Attune can't read ${reads} because a file it needs ${why}. ${still} Reinstalling Attune should fix this.`;
}

export const CAMERA_BUSY_WORDS =
  'Another program is using the camera. Voice and written words still work, and Attune tries the camera again ' +
  'by itself; closing the other program frees it.';

/** Every notice the status calls for, most basic first: history, saving, then each modality, then the camera. */
export function healthNotices(status: AppStatus | null): HealthNotice[] {
  if (!status || status.engine !== 'ready') return [];
  const notices: HealthNotice[] = [];
  const problems = status.problems ?? [];
  for (const part of ['database', 'saving', 'face', 'voice', 'text'] as const) {
    const problem = problems.find((p) => p.part === part);
    if (!problem) continue;
    const text =
      part === 'database'
        ? (DATABASE_WORDS[problem.kind] ?? DATABASE_WORDS['database-unreadable'])
        : part === 'saving'
          ? (SAVING_WORDS[problem.kind] ?? SAVING_OTHER)
          : modelWords(part, problem.kind);
    notices.push({ key: part, text: text ?? SAVING_OTHER });
  }
  if (status.camera === 'busy' && !status.paused) notices.push({ key: 'camera', text: CAMERA_BUSY_WORDS });
  return notices;
}
