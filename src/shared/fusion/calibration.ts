/**
 * Onboarding calibration: about 20 s of a relaxed face (and a few spoken words), from which the personal
 * baseline pulls the person's resting reading toward neutral. Pure; time comes in with each call.
 */
import type { EmotionProbs } from '../labels';
import type { BaselineInfo, CalibrationState } from '../prompts';
import { calibrationBias, cloneBaseline, DEFAULT_BASELINE_TUNING, meanProbs, type BaselineTuning } from './baseline';

export interface CalibrationTuning {
  /** Collection time when none is given, ms (default 20 000, from the issue). */
  defaultDurationMs: number;
  /**
   * Fewest usable face frames for a face baseline (default 10: 5 s at the slowest 2 frames/s; fewer means
   * the camera was off or the face mostly out of view, and a mean over them would be noise).
   */
  minFaceFrames: number;
  /** Frames below this quality are not used, [0, 1] (default 0.3). */
  minFaceQuality: number;
  /** Least speech for a voice baseline, ms (default 2 000: "a few spoken words"); less keeps the old one. */
  minVoiceMs: number;
}

export const DEFAULT_CALIBRATION_TUNING: CalibrationTuning = {
  defaultDurationMs: 20_000,
  minFaceFrames: 10,
  minFaceQuality: 0.3,
  minVoiceMs: 2_000,
};

export class Calibration {
  private state: CalibrationState = { phase: 'idle' };
  private faces: EmotionProbs[] = [];
  private voices: EmotionProbs[] = [];
  private voiceMs = 0;

  constructor(
    private readonly tuning: CalibrationTuning = DEFAULT_CALIBRATION_TUNING,
    private readonly baselineTuning: BaselineTuning = DEFAULT_BASELINE_TUNING,
  ) {}

  start(t: number, durationMs = this.tuning.defaultDurationMs): CalibrationState {
    this.faces = [];
    this.voices = [];
    this.voiceMs = 0;
    this.state = { phase: 'collecting', startedAt: t, durationMs, faceFrames: 0, voiceSeconds: 0 };
    return this.state;
  }

  cancel(): CalibrationState {
    this.state = { phase: 'idle' };
    return this.state;
  }

  collecting(): boolean {
    return this.state.phase === 'collecting';
  }

  face(probs: EmotionProbs | null, quality: number): void {
    if (this.state.phase !== 'collecting' || probs === null || quality < this.tuning.minFaceQuality) return;
    this.faces.push(probs);
    this.state = { ...this.state, faceFrames: this.faces.length };
  }

  voice(startMs: number, endMs: number, probs: EmotionProbs): void {
    if (this.state.phase !== 'collecting' || endMs < this.state.startedAt) return;
    this.voices.push(probs);
    this.voiceMs += Math.max(0, endMs - Math.max(startMs, this.state.startedAt));
    this.state = { ...this.state, voiceSeconds: this.voiceMs / 1000 };
  }

  current(): CalibrationState {
    return this.state;
  }

  /** When collection time is over: the new state and, on success, the new baseline; otherwise null. */
  finish(t: number, baseline: BaselineInfo): { state: CalibrationState; baseline: BaselineInfo | null } | null {
    const s = this.state;
    if (s.phase !== 'collecting' || t < s.startedAt + s.durationMs) return null;
    const faceMean = meanProbs(this.faces);
    if (faceMean === null || this.faces.length < this.tuning.minFaceFrames) {
      const reason = `too few face frames (${this.faces.length} of ${this.tuning.minFaceFrames}): is the camera on and your face in view?`;
      this.state = { phase: 'failed', at: t, reason };
      return { state: this.state, baseline: null };
    }
    const next = cloneBaseline(baseline);
    next.calibratedAt = t;
    next.faceBias = calibrationBias(faceMean, this.baselineTuning);
    const voiceMean = meanProbs(this.voices);
    if (voiceMean !== null && this.voiceMs >= this.tuning.minVoiceMs) {
      next.voiceBias = calibrationBias(voiceMean, this.baselineTuning);
    }
    this.state = { phase: 'done', at: t, faceFrames: this.faces.length, voiceSeconds: this.voiceMs / 1000 };
    this.faces = [];
    this.voices = [];
    return { state: this.state, baseline: next };
  }
}
