/**
 * Runs recorded media through an {@link AnalyzeTarget} (in the app: the live Engine on a simulated clock) in
 * media-time order, and collects the fused mood at 1 Hz and any break prompts.
 */
import { performance } from 'node:perf_hooks';
import type { LiveMood } from '../../shared/mood';
import type { PromptEvidence, PromptReason } from '../../shared/prompts';
import { PIPELINE_RATE } from '../../engine/voice/audio-input';
import { readAudioClip } from './audio-input';
import { DEFAULT_ANALYZE_FPS } from './frame-sampler';
import { type AnalyzePoint, type AnalyzePrompt, type AnalyzeResult, labelShares, toPoint } from './result';
import { audioInput, textInput, videoFrames, videoInput } from './sources';
import { readTextLines } from './text-input';
import { type Y4mHeader, y4mLengthMs } from './y4m-reader';
import { type FrameImage, type TimelineEnd, type TimelineEvent, type TimelineInput, mergeTimeline } from './timeline';

/** What `analyze` drives. All times are media ms from the start of the run, never decreasing. */
export interface AnalyzeTarget {
  /** Analyses one frame at media time t (ms) fully before resolving. */
  frame(t: number, image: FrameImage): Promise<void>;
  /** 16 kHz mono samples starting at media time t (ms). */
  audio(t: number, pcm16k: Float32Array): Promise<void>;
  text(t: number, text: string): Promise<void>;
  /**
   * Advances the simulated clock to t and returns the fused mood and any prompt raised now. The mood's own
   * times (t, lastAt) are not used by the runner, so the target may keep them on its own clock.
   */
  tick(t: number): { mood: LiveMood; prompt: { reason: PromptReason; evidence: PromptEvidence } | null };
  close(): Promise<void>;
}

export interface AnalyzeOptions {
  /** Video file: .y4m natively, anything else through ffmpeg. */
  video: string;
  /** WAV file, any rate and channel count. */
  audio?: string;
  /** JSON lines of {t (media s), text}. */
  text?: string;
  /** Media time to cover, ms, looping every input. Default: the video's length once. */
  loopForMs?: number;
  /** Frames per second of media time sent to the target. Default 2, the live app's capture rate. */
  fps?: number;
  /** Report break prompts; the target must have been made with prompts on too. Default false. */
  prompts?: boolean;
}

/** Called after each event with media ms done and the run's length in ms (null while unknown). */
export type AnalyzeProgress = (doneMs: number, totalMs: number | null) => void;

/** The inputs read and checked, ready to run: what can fail on a bad file fails here. */
export interface AnalyzeInputs {
  video: TimelineInput;
  others: TimelineInput[];
  /** Names of `video` then `others`, for the summary's pass counts. */
  names: InputName[];
  /** The run's media length in ms when known beforehand (for progress), else null. */
  totalMs: number | null;
}

/**
 * Reads the audio and text and decodes the video's first frame, so a bad file is reported before the
 * engine's models are loaded.
 */
export async function openAnalyzeInputs(options: AnalyzeOptions): Promise<AnalyzeInputs> {
  const fps = options.fps ?? DEFAULT_ANALYZE_FPS;
  const probe = videoFrames(options.video, fps);
  await probe.next();
  await probe.return({ header: EMPTY_HEADER, frames: 0, durationMs: 0 });
  const others: TimelineInput[] = [];
  const names: InputName[] = ['video'];
  if (options.audio !== undefined) {
    others.push(audioInput(await readAudioClip(options.audio)));
    names.push('audio');
  }
  if (options.text !== undefined) {
    others.push(textInput(await readTextLines(options.text)));
    names.push('text');
  }
  const totalMs = options.loopForMs ?? (await y4mLengthMs(options.video));
  return { video: videoInput(options.video, fps), others, names, totalMs };
}

/** Runs the inputs (read now unless given) through `target`, which the caller closes. */
export async function runAnalyze(
  options: AnalyzeOptions,
  target: AnalyzeTarget,
  onProgress?: AnalyzeProgress,
  inputs?: AnalyzeInputs,
): Promise<AnalyzeResult> {
  const { video, others, names, totalMs } = inputs ?? (await openAnalyzeInputs(options));
  const events = mergeTimeline({ video, others, untilMs: options.loopForMs });
  return runTimeline(events, target, { prompts: options.prompts ?? false, totalMs, inputs: names, onProgress });
}

export type InputName = 'video' | 'audio' | 'text';

const EMPTY_HEADER: Y4mHeader = {
  width: 0,
  height: 0,
  fpsNum: 1,
  fpsDen: 1,
  colourspace: '',
  layout: '420',
  frameBytes: 0,
};

export interface RunTimelineOptions {
  prompts: boolean;
  /** The run's length in ms when known beforehand, for progress. */
  totalMs?: number | null;
  onProgress?: AnalyzeProgress;
  /** Which input each of the timeline's pass counts belongs to. Default: video, audio, text. */
  inputs?: readonly InputName[];
  /** Wall clock in ms. Default performance.now. */
  now?: () => number;
}

/**
 * Sends each event to `target` in order, ticking once per whole second of media time (the timeline point
 * for second s comes after every event at t ≤ s·1000) and after each event (so prompts come on time).
 */
export async function runTimeline(
  events: AsyncGenerator<TimelineEvent, TimelineEnd>,
  target: AnalyzeTarget,
  options: RunTimelineOptions,
): Promise<AnalyzeResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeline: AnalyzePoint[] = [];
  const prompts: AnalyzePrompt[] = [];
  let frames = 0;
  let audioSamples = 0;
  let texts = 0;
  let nextSecond = 1;
  const tick = (t: number): LiveMood => {
    const { mood, prompt } = target.tick(t);
    if (prompt && options.prompts) prompts.push({ t: t / 1000, reason: prompt.reason, evidence: prompt.evidence });
    return mood;
  };
  const tickSecondsBefore = (t: number): void => {
    for (; nextSecond * 1000 < t; nextSecond++) timeline.push(toPoint(nextSecond, tick(nextSecond * 1000)));
  };
  let end: TimelineEnd;
  for (;;) {
    const next = await events.next();
    if (next.done === true) {
      end = next.value;
      break;
    }
    const e = next.value;
    tickSecondsBefore(e.t);
    if (e.kind === 'frame') {
      await target.frame(e.t, e.image);
      frames++;
    } else if (e.kind === 'audio') {
      await target.audio(e.t, e.pcm);
      audioSamples += e.pcm.length;
    } else {
      await target.text(e.t, e.text);
      texts++;
    }
    tick(e.t);
    options.onProgress?.(e.t, options.totalMs ?? null);
  }
  tickSecondsBefore(end.endMs + 1);
  options.onProgress?.(end.endMs, end.endMs);
  const wallSeconds = (now() - started) / 1000;
  const byLabel = labelShares(timeline);
  const mediaSeconds = end.endMs / 1000;
  return {
    timeline,
    prompts,
    summary: {
      byLabel,
      unknownShare: byLabel.unknown ?? 0,
      mediaSeconds,
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      speed: wallSeconds > 0 ? Math.round((mediaSeconds / wallSeconds) * 10) / 10 : 0,
      framesAnalysed: frames,
      audioSeconds: audioSamples / PIPELINE_RATE,
      textMessages: texts,
      passes: passCounts(end.passes, options.inputs ?? ['video', 'audio', 'text']),
      prompts: prompts.length,
    },
  };
}

function passCounts(passes: readonly number[], inputs: readonly InputName[]): Record<InputName, number> {
  const out = { video: 0, audio: 0, text: 0 };
  inputs.forEach((name, i) => (out[name] = passes[i] ?? 0));
  return out;
}
