/** The guided calibration's order of steps and what became of each. Pure, for the flow component and its tests. */
import type { Emotion } from '../../shared/labels';
import {
  FACE_STEP_LABELS,
  VOICE_STEP_LABELS,
  type ExpressionStep,
  type PersonalModality,
} from '../../shared/personal-info';

export interface FlowStep {
  modality: PersonalModality;
  label: Emotion;
}

export type Outcome = 'kept' | 'skipped' | 'failed';

export const FACE_STEPS: readonly FlowStep[] = FACE_STEP_LABELS.map((label) => ({ modality: 'face', label }));
export const VOICE_STEPS: readonly FlowStep[] = VOICE_STEP_LABELS.map((label) => ({ modality: 'voice', label }));

/** Whether an 'expression' event is about `step` (events of an earlier, cancelled step are ignored). */
export function isAbout(event: ExpressionStep, step: FlowStep | undefined): boolean {
  return event.phase !== 'idle' && step !== undefined && event.modality === step.modality && event.label === step.label;
}

/** "3 kept, 1 skipped": the flow's summary. */
export function outcomeWords(outcomes: readonly Outcome[]): string {
  const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
  const parts = [`${count('kept')} kept`];
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  if (count('failed') > 0) parts.push(`${count('failed')} did not work`);
  return parts.join(', ');
}
