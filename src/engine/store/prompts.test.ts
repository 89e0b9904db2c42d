import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import type { BreakPrompt, PromptAction, PromptEvidence } from '../../shared/prompts';
import { openDatabase } from './open-database';
import { PromptStore } from './prompts';

const evidence: PromptEvidence = {
  reason: 'sad',
  from: 0,
  to: 600_000,
  evidenceMs: 480_000,
  share: 0.7,
  shareThreshold: 0.6,
  minEvidenceMs: 300_000,
  confidenceThreshold: 0.5,
  byModality: { face: 0.6, voice: 0.3, text: 0.1 },
};

const shown = (t: number): Omit<BreakPrompt, 'id'> => ({
  t,
  reason: 'sad',
  evidence,
  action: null,
  answeredAt: null,
  recovered: null,
});

describe('PromptStore', () => {
  it('adds a prompt, records the answer and the outcome', () => {
    const prompts = new PromptStore(openDatabase(':memory:'));
    const added = prompts.add(shown(600_000));
    expect(added).toEqual({ ...shown(600_000), id: 1 });
    expect(prompts.answer(1, 'breathe', 610_000)).toMatchObject({ action: 'breathe', answeredAt: 610_000 });
    expect(prompts.setRecovered(1, true)).toEqual({
      ...added,
      action: 'breathe',
      answeredAt: 610_000,
      recovered: true,
    });
    expect(prompts.setRecovered(1, false).recovered).toBe(false);
    expect(prompts.get(1)?.evidence).toEqual(evidence);
    expect(prompts.get(2)).toBeNull();
  });

  it('reads a half-open range and recent prompts, oldest first', () => {
    const prompts = new PromptStore(openDatabase(':memory:'));
    for (const t of [3000, 1000, 2000]) prompts.add(shown(t));
    expect(prompts.range(1000, 3000).map((p) => p.t)).toEqual([1000, 2000]);
    expect(prompts.recent(2000).map((p) => p.t)).toEqual([2000, 3000]);
  });

  it('refuses unknown ids, actions and reasons', () => {
    const prompts = new PromptStore(openDatabase(':memory:'));
    expect(() => prompts.answer(9, 'breathe', 1)).toThrow(/no prompt with id 9/);
    expect(() => prompts.setRecovered(9, true)).toThrow(AttuneError);
    prompts.add(shown(1));
    expect(() => prompts.answer(1, 'dance' as PromptAction, 2)).toThrow(/unknown prompt action/);
    expect(() => prompts.add({ ...shown(1), reason: 'happy' as 'sad' })).toThrow(/unknown prompt reason/);
    expect(() => prompts.add({ ...shown(1), action: 'breathe' })).toThrow(/both an action and its time/);
    expect(prompts.range(0, 10)).toHaveLength(1);
  });
});
