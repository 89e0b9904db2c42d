import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import type { Modality } from '../../shared/mood';
import { PROMPT_ACTIONS, PROMPT_REASONS, type BreakPrompt, type PromptEvidence } from '../../shared/prompts';
import { diagnosticIn } from './non-diagnostic.test-support';
import {
  CORRECTION_THANKS,
  PROMPT_TITLE,
  STRETCH_SUGGESTION,
  acknowledgedWords,
  actionLabel,
  chosenWords,
  durationWords,
  evidenceWords,
  feelWords,
  mainModality,
  minutesWords,
  modalityName,
  modalityShares,
  modalityWords,
  outcomeWords,
  promptMessage,
  promptOutcome,
  reasonWords,
  type Outcome,
} from './prompt-words';

const MIN = 60_000;
const evidence = (patch: Partial<PromptEvidence> = {}): PromptEvidence => ({
  reason: 'sad',
  from: 0,
  to: 10 * MIN,
  evidenceMs: 6.5 * MIN,
  share: 0.72,
  shareThreshold: 0.6,
  minEvidenceMs: 3 * MIN,
  confidenceThreshold: 0.5,
  byModality: { face: 0.8, voice: 0.15, text: 0.05 },
  ...patch,
});
const prompt = (patch: Partial<BreakPrompt> = {}): BreakPrompt => ({
  id: 1,
  t: 100 * MIN,
  reason: 'sad',
  evidence: evidence(),
  action: null,
  answeredAt: null,
  recovered: null,
  ...patch,
});

describe('prompt words', () => {
  it('asks kindly, per reason', () => {
    expect(promptMessage('sad')).toBe("You've seemed a bit low for a while. Would a short break help?");
    expect(promptMessage('angry')).toMatch(/^Things have looked tense for a while/);
    expect(reasonWords('angry')).toBe('Seemed tense for a while');
  });

  it('labels every action', () => {
    expect(PROMPT_ACTIONS.map(actionLabel)).toEqual([
      'Breathe for a minute',
      'Stretch or walk',
      'Snooze 15 min',
      'Snooze 1 hour',
      'Not now',
      "This isn't right",
    ]);
    expect(chosenWords(null)).toBe('No answer');
    expect(chosenWords('snooze-60')).toBe('Snoozed for an hour');
  });

  it('puts the evidence in words', () => {
    expect(evidenceWords(evidence())).toBe(
      'Over the last 10 minutes, it looked low 72% of the time Attune could read clearly; mostly from your face (80%).',
    );
    const voice = evidence({ reason: 'angry', to: 1 * MIN, byModality: { face: 0.3, voice: 0.7, text: 0 } });
    expect(evidenceWords(voice)).toBe(
      'Over the last 1 minute, it looked tense 72% of the time Attune could read clearly; mostly from your voice (70%).',
    );
    expect(evidenceWords(evidence({ byModality: { face: 0, voice: 0, text: 0 } }))).toBe(
      'Over the last 10 minutes, it looked low 72% of the time Attune could read clearly.',
    );
  });

  it('picks the main modality, ties to the earlier one', () => {
    expect(mainModality({ face: 0.4, voice: 0.4, text: 0.2 })).toBe('face');
    expect(mainModality({ face: 0, voice: 0.1, text: 0.9 })).toBe('text');
    expect(mainModality({ face: 0, voice: 0, text: 0 })).toBeNull();
  });

  it('writes durations', () => {
    expect(durationWords(45_000)).toBe('45 s');
    expect(durationWords(390_000)).toBe('6 min 30 s');
    expect(durationWords(180_000)).toBe('3 min');
    expect(durationWords(65 * MIN)).toBe('1 h 5 min');
    expect(durationWords(120 * MIN)).toBe('2 h');
    expect(durationWords(-5)).toBe('0 s');
    expect(durationWords(Number.NaN)).toBe('0 s');
    expect(minutesWords(20_000)).toBe('1 minute');
    expect(minutesWords(10 * MIN)).toBe('10 minutes');
  });

  it('tells whether a break helped', () => {
    const breathe = { action: 'breathe' as const, answeredAt: 101 * MIN };
    expect(promptOutcome(prompt({ ...breathe, recovered: true }), 200 * MIN)).toBe('lighter');
    expect(promptOutcome(prompt({ ...breathe, recovered: false }), 200 * MIN)).toBe('no-change');
    expect(promptOutcome(prompt(breathe), 115 * MIN)).toBe('watching');
    expect(promptOutcome(prompt(breathe), 116 * MIN)).toBe('unknown');
    expect(promptOutcome(prompt({ action: 'not-now', answeredAt: 101 * MIN }), 200 * MIN)).toBe('no-break');
    expect(promptOutcome(prompt(), 100 * MIN)).toBe('no-break');
    expect(outcomeWords('lighter')).toBe('Looked lighter afterwards');
    expect(outcomeWords('no-break')).toBeNull();
  });

  it('never sounds like a diagnosis', () => {
    const modalities: Modality[] = ['face', 'voice', 'text'];
    const outcomes: Outcome[] = ['lighter', 'no-change', 'watching', 'unknown', 'no-break'];
    const texts = [
      PROMPT_TITLE,
      STRETCH_SUGGESTION,
      CORRECTION_THANKS,
      ...PROMPT_REASONS.flatMap((r) => [promptMessage(r), reasonWords(r)]),
      ...PROMPT_REASONS.flatMap((reason) =>
        modalities.map((m) => evidenceWords(evidence({ reason, byModality: { face: 0, voice: 0, text: 0, [m]: 1 } }))),
      ),
      ...PROMPT_ACTIONS.flatMap((a) => [actionLabel(a), chosenWords(a), acknowledgedWords(a)]),
      chosenWords(null),
      ...outcomes.map((o) => outcomeWords(o) ?? ''),
      ...modalities.flatMap((m) => [modalityWords(m), modalityName(m)]),
      ...EMOTIONS.map(feelWords),
    ];
    expect(texts.every((t) => typeof t === 'string')).toBe(true);
    expect(diagnosticIn(texts)).toEqual([]);
  });

  it('the check itself catches diagnostic words', () => {
    expect(diagnosticIn(['Signs of depression', 'an anxiety disorder', 'see a therapist', 'fine'])).toHaveLength(3);
  });
});

describe('modality shares', () => {
  it('reads the live mood, null before any', () => {
    const contribution = (share: number) => ({ share, probs: null, lastAt: null });
    const mood = {
      t: 0,
      label: 'unknown' as const,
      probs: { neutral: 1, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
      valence: 0,
      arousal: 0,
      confidence: 0.1,
      modalities: { face: contribution(0.6), voice: contribution(0.4), text: contribution(0) },
    };
    expect(modalityShares(mood)).toEqual({ face: 0.6, voice: 0.4, text: 0 });
    expect(modalityShares(null)).toBeNull();
  });
});
