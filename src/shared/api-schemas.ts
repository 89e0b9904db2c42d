/**
 * Argument schemas the contracts share (api-spec.ts, engine-protocol.ts). Plain shapes are valibot's own; settings
 * patches and requests whose rules already live beside their types (with the words the engine answers when it
 * checks them again) wrap those checks, so each rule is written once.
 */
import * as v from 'valibot';
import { retentionProblem, type RetentionSettings } from './history';
import type { DeleteScope, DesktopSettings, SensorSettings } from './history-api';
import {
  deleteScopeProblem,
  desktopSettingsProblem,
  firstRunSensorsProblem,
  MAX_DAY_HISTORY_MS,
  MAX_TREND_MS,
  sensorSettingsProblem,
} from './history-validate';
import { feedClientRequestProblem, type FeedClientRequest } from './feed';
import { EMOTIONS } from './labels';
import { CAMERA_STATES } from './mood';
import { isStep } from './personal-info';
import { PROMPT_ACTIONS, promptSettingsProblem, type PromptSettings } from './prompts';
import { checkInProblem, textInputProblem, type CheckInRequest, type TextInput } from './text-input';
import { isPauseSpan, type PauseSpan } from './timed-pause';

/** A value whose rule is a `…Problem` function: valid when it finds none. */
const ruled = <T>(problem: (value: unknown) => string | null): v.GenericSchema<unknown, T> =>
  v.custom<T>((value) => problem(value) === null);

export const finite = v.pipe(v.number(), v.finite());
export const safeInteger = v.pipe(v.number(), v.safeInteger());
export const bool = v.boolean();
export const emotion = v.picklist(EMOTIONS);
export const cameraState = v.picklist(CAMERA_STATES);
export const promptAction = v.picklist(PROMPT_ACTIONS);
export const sampleSource = v.picklist(['face', 'voice', 'text', 'fused']);
export const exportFormat = v.picklist(['csv', 'json']);
export const pauseSpan = v.custom<PauseSpan>(isPauseSpan);

/** A time range as the sample and prompt reads take it: finite ends, from ≤ to (other keys are ignored). */
export const looseRange = v.pipe(
  v.looseObject({ from: finite, to: finite }),
  v.check((r) => r.from <= r.to),
);

/** A time range the history reads take: only from and to, finite, from ≤ to, at most `maxMs` long. */
export const range = (maxMs = Infinity) =>
  v.pipe(
    v.strictObject({ from: finite, to: finite }),
    v.check((r) => r.from <= r.to && r.to - r.from <= maxMs),
  );
export const dayRange = range(MAX_DAY_HISTORY_MS);
export const trendRange = range(MAX_TREND_MS);
/** JSON turns an absent range written as undefined into null. */
export const optionalRange = v.nullish(range());

/** startExpressionStep's modality and label, which must be one of that modality's steps. */
export const expressionStep = v.pipe(
  v.strictTuple([v.picklist(['face', 'voice']), emotion]),
  v.check(([modality, label]) => isStep(modality, label)),
);

export const checkInRequest = ruled<CheckInRequest>(checkInProblem);
export const textInput = ruled<TextInput>(textInputProblem);
export const promptSettingsPatch = ruled<Partial<PromptSettings>>(promptSettingsProblem);
export const retentionPatch = ruled<Partial<RetentionSettings>>(retentionProblem);
export const deleteScope = ruled<DeleteScope>(deleteScopeProblem);
export const sensorSettingsPatch = ruled<Partial<SensorSettings>>(sensorSettingsProblem);
export const firstRunSensors = ruled<Pick<SensorSettings, 'camera' | 'microphone'>>(firstRunSensorsProblem);
export const desktopSettingsPatch = ruled<Partial<DesktopSettings>>(desktopSettingsProblem);
export const feedClientRequest = ruled<FeedClientRequest>(feedClientRequestProblem);
