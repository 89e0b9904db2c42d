import { describe, expect, it } from 'vitest';
import { emptyModalityInfo, type PersonalInfo } from '../../shared/personal-info';
import type { LiveMood } from '../../shared/mood';
import {
  changeWords,
  checkWords,
  cueWords,
  notableChanges,
  personalMarkWords,
  personalWords,
  resetWords,
} from './teach-words';

const info = (patch: Partial<PersonalInfo['face']> = {}): PersonalInfo => ({
  face: { ...emptyModalityInfo('face'), ...patch },
  voice: emptyModalityInfo('voice'),
  problem: null,
});

describe('teach words', () => {
  it('cues each step in plain words', () => {
    expect(cueWords('face', 'fearful')).toBe('Show a frightened face.');
    expect(cueWords('voice', 'neutral')).toBe('Say “Kids are talking by the door.” in a calm voice.');
  });

  it('says what changed out of ten, cross-validated counts rounded honestly', () => {
    const change = { label: 'angry' as const, total: 12, before: { label: 'neutral' as const, count: 8 }, after: 10 };
    expect(changeWords('face', change)).toBe(
      'Before calibration your angry face read as neutral 7 times in 10; now it reads as angry 8 in 10.',
    );
    const kept = { label: 'happy' as const, total: 16, before: { label: 'happy' as const, count: 16 }, after: 16 };
    expect(changeWords('face', kept)).toBe(
      'Your happy face already read as happy 10 times in 10; it still does (10 in 10).',
    );
    expect(changeWords('voice', { ...change, label: 'neutral' })).toMatch(/^Your calm voice already read as neutral/);
    expect(changeWords('voice', { ...change, label: 'sad', after: 0 })).toBe(
      'Your sad voice read as neutral 7 times in 10 before calibration; calibration has not yet taught Attune to read it as sad.',
    );
  });

  it('tells the counts as they are below ten examples, never "10 times in 10" from one or two', () => {
    const few = { label: 'angry' as const, total: 6, before: { label: 'neutral' as const, count: 6 }, after: 5 };
    expect(changeWords('face', few)).toBe(
      'Before calibration your angry face read as neutral 6 times out of 6; now it reads as angry 5 out of 6.',
    );
    const one = { label: 'neutral' as const, total: 1, before: { label: 'happy' as const, count: 1 }, after: 0 };
    expect(changeWords('voice', one)).toBe(
      'Your calm voice read as happy 1 time out of 1 before calibration; calibration has not yet taught Attune to read it as neutral.',
    );
  });

  it('orders changes by gain', () => {
    const changes = [
      { label: 'happy' as const, total: 6, before: { label: 'happy' as const, count: 6 }, after: 6 },
      { label: 'angry' as const, total: 6, before: { label: 'neutral' as const, count: 6 }, after: 5 },
    ];
    expect(notableChanges(info({ changes, active: true }), 1)).toEqual([
      'Before calibration your angry face read as neutral 6 times out of 6; now it reads as angry 5 out of 6.',
    ]);
  });

  it('tells no change of a modality whose personal model stayed off: its readings did not change', () => {
    // As the voice steps of the e2e test left it: one utterance per tone, the model off, readings unchanged.
    const changes = [
      { label: 'neutral' as const, total: 1, before: { label: 'happy' as const, count: 1 }, after: 0 },
      { label: 'happy' as const, total: 2, before: { label: 'happy' as const, count: 1 }, after: 1 },
    ];
    const off: PersonalInfo = {
      face: emptyModalityInfo('face'),
      voice: { ...emptyModalityInfo('voice'), changes },
      problem: null,
    };
    expect(notableChanges(off)).toEqual([]);
    expect(notableChanges({ ...off, voice: { ...off.voice, active: true } })).toEqual([
      'Your calm voice read as happy 1 time out of 1 before calibration; calibration has not yet taught Attune to read it as neutral.',
      'Your happy voice already read as happy 1 time out of 2; it still does (1 out of 2).',
    ]);
    expect(notableChanges(info({ changes, active: false }))).toEqual([]);
  });

  it('describes the live check, the model and what a reset forgets', () => {
    const collecting = {
      phase: 'collecting',
      modality: 'face',
      label: 'sad',
      startedAt: 0,
      timeoutMs: 1,
      kept: 2,
      needed: 5,
    } as const;
    expect(checkWords({ ...collecting, hint: null })).toBe('Hold it… 2 of 5');
    expect(checkWords({ ...collecting, hint: 'no-face' })).toBe('Looking for your face…');
    const listening = { ...collecting, modality: 'voice', needed: 1500, hint: null } as const;
    expect(checkWords({ ...listening, kept: 0 })).toBe('Listening… say it when you are ready.');
    expect(checkWords({ ...listening, kept: 820 })).toBe('Listening… 0.8 s of speech');
    expect(checkWords({ phase: 'done', modality: 'face', label: 'sad', at: 1, kept: 5 })).toBe('Got it.');
    expect(personalWords(info())).toMatch(/nothing learnt yet/);
    const examples = { examples: 7, bySource: { calibration: 6, correction: 1, 'check-in': 0, migrated: 0 } };
    const changes = [{ label: 'sad' as const, total: 6, before: { label: 'sad' as const, count: 6 }, after: 6 }];
    expect(personalWords(info({ ...examples, changes, active: true }))).toBe(
      'Learnt from 1 face expression, 1 correction or check-in. Readings are personalised to you.',
    );
    expect(resetWords(info(examples))).toMatch(/^This forgets 7 moments .* Your mood history stays/);
  });

  it('marks a live reading personalised only when a personalised modality carries it', () => {
    const mood = (face: number): LiveMood =>
      ({
        label: 'sad',
        modalities: { face: { share: face }, voice: { share: 0 }, text: { share: 1 - face } },
      }) as LiveMood;
    expect(personalMarkWords(info({ active: true }), mood(0.6))?.text).toBe(
      'Personalised: your face read with what you taught Attune.',
    );
    expect(personalMarkWords(info({ active: true }), mood(0))).toBeNull();
    expect(personalMarkWords(info(), mood(0.6))).toBeNull();
    const broken = { ...info(), problem: { kind: 'model-corrupt' as const, message: 'x' } };
    expect(personalMarkWords(broken, null)).toMatchObject({ kind: 'generic', problem: true });
  });
});
