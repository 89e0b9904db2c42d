/**
 * Text evidence for the engine: checks texts, reads them with the text model, and stores the readings as
 * 'text' samples (numbers only), check-ins beside the person's own rating, and the local endpoint's
 * settings. Texts themselves are kept only in check-ins, and only when the `storeText` setting is on.
 */
import { AttuneError } from '../../shared/envelope';
import type { IngestSettings } from '../../shared/engine-protocol';
import type { MoodSample } from '../../shared/mood';
import { rateReading } from '../mood/rated-reading';
import {
  checkInProblem,
  textInputProblem,
  type CheckIn,
  type CheckInRequest,
  type TextInput,
  type TextSettings,
} from '../../shared/text-input';
import type { CheckInRepository, SampleRepository, SettingsRepository } from '../core/ports';

import type { TextClassification } from './text-classifier';
import type { ServiceRoutes } from '../core/service-routes';

export interface TextAnalyzer {
  classify(text: string): TextClassification;
}

export interface TextIntakeDeps {
  classifier: TextAnalyzer;
  samples: SampleRepository;
  checkIns: CheckInRepository;
  settings: SettingsRepository;
  /** Unix ms now; the time of texts that carry none. */
  now: () => number;
  /** A fresh endpoint token (32 random bytes, base64url, in production). */
  newToken: () => string;
}

/** Setting keys. `storeText`: keep check-in notes (default false). */
export const SETTING = { storeText: 'storeText', ingestToken: 'ingestToken', ingestEnabled: 'ingestEnabled' } as const;

export class TextIntake {
  constructor(private readonly deps: TextIntakeDeps) {}

  now(): number {
    return this.deps.now();
  }

  /**
   * Checks every input first, then classifies them all and stores them in one transaction, so a bad
   * message stores nothing. Returns the samples in input order.
   * @throws AttuneError `bad-input` naming the first bad message (1-based).
   */
  addTexts(inputs: readonly unknown[]): MoodSample[] {
    if (!Array.isArray(inputs)) throw new AttuneError('bad-input', 'texts must come as a list');
    inputs.forEach((input, i) => {
      const problem = textInputProblem(input);
      if (problem) throw new AttuneError('bad-input', `message ${i + 1}: ${problem}`);
    });
    const now = this.deps.now();
    const samples = (inputs as TextInput[]).map((input) => this.read(input.text, input.at ?? now));
    this.deps.samples.insert(samples);
    return samples;
  }

  /** @throws AttuneError `bad-input` for a malformed request. */
  checkIn(request: CheckInRequest): CheckIn {
    const problem = checkInProblem(request);
    if (problem) throw new AttuneError('bad-input', problem);
    const read = this.read(request.note, this.deps.now());
    // The person's own rating outweighs the model's reading of their words for this moment.
    const sample = request.selfRating ? rateReading(read, request.selfRating) : read;
    const keep = this.deps.settings.get(SETTING.storeText, false) && request.note !== '';
    return this.deps.checkIns.add(sample, request.selfRating ?? null, keep ? request.note : null);
  }

  getCheckIns(from: number, to: number): CheckIn[] {
    return this.deps.checkIns.range(from, to);
  }

  textSettings(): TextSettings {
    return { storeText: this.deps.settings.get(SETTING.storeText, false) };
  }

  setStoreText(storeText: boolean): TextSettings {
    if (typeof storeText !== 'boolean') throw new AttuneError('bad-input', 'storeText must be true or false');
    this.deps.settings.set(SETTING.storeText, storeText);
    return this.textSettings();
  }

  /** The endpoint's token, made and saved the first time it is asked for. */
  ingestSettings(): IngestSettings {
    let token = this.deps.settings.get(SETTING.ingestToken, '');
    if (token === '') {
      token = this.deps.newToken();
      this.deps.settings.set(SETTING.ingestToken, token);
    }
    return { token, enabled: this.deps.settings.get(SETTING.ingestEnabled, false) };
  }

  setIngestEnabled(enabled: boolean): IngestSettings {
    if (typeof enabled !== 'boolean') throw new AttuneError('bad-input', 'enabled must be true or false');
    this.deps.settings.set(SETTING.ingestEnabled, enabled);
    return this.ingestSettings();
  }

  private read(text: string, t: number): MoodSample {
    const { label, probs, valence, arousal, confidence } = this.deps.classifier.classify(text);
    return { t, source: 'text', label, probs, valence, arousal, confidence };
  }
}

/** Check-ins, the text settings and the local text endpoint's switch: the engine requests TextIntake answers as it stands (engine-routes.ts). */
export const INTAKE_ROUTES = {
  getCheckIns: (intake, range) => intake.getCheckIns(range.from, range.to),
  getTextSettings: (intake) => intake.textSettings(),
  setStoreText: (intake, storeText) => intake.setStoreText(storeText),
  getIngestSettings: (intake) => intake.ingestSettings(),
  setIngestSwitch: (intake, enabled) => intake.setIngestEnabled(enabled),
} satisfies ServiceRoutes<TextIntake>;
