/**
 * Puts an Engine together from an open database and loaded models: the stores, the mood service (fusion,
 * prompts, baseline), the history service and the text intake. One place, so the engine process and
 * `analyze` run exactly the same engine.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/clock';
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { Engine } from '../core/engine';
import type { VoiceAnalyzer } from '../core/ports';
import { EngineFeed } from '../feed/engine-feed';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import type { EngineHealth } from '../health/engine-health';
import { GuardedSamples } from '../health/guarded-samples';
import { HistoryService } from '../history/history-service';
import { MoodService } from '../mood/mood-service';
import { PersonalService } from '../personal/personal-service';
import { AppSettings } from '../settings/app-settings';
import { CheckInStore } from '../store/check-ins';
import { EventStore } from '../store/events';
import { PersonalStore } from '../store/personal';
import { PromptStore } from '../store/prompts';
import { SampleStore } from '../store/samples';
import { SettingsStore } from '../store/settings';
import { TextIntake, type TextAnalyzer } from '../text/text-intake';

export interface EngineParts {
  db: Database;
  /** Null: the face model did not load; frames are dropped. */
  analyzer: FrameAnalyzer | null;
  /** Null: the text model did not load; text and check-ins answer `model-missing`. */
  classifier: TextAnalyzer | null;
  /** Null: microphone audio is dropped (the voice model did not load, or was not asked for). */
  voice: VoiceAnalyzer | null;
  /** The engine's time: the system clock live, a test clock in e2e tests, media time in `analyze`. */
  clock: Clock;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** Only where the engine runs on a test clock. */
  advanceClock?: (ms: number) => number;
  /** Where a refused write (full disk, read-only folder) is reported; without it such a write throws. */
  health?: EngineHealth;
}

export function assembleEngine(parts: EngineParts): { engine: Engine; mood: MoodService } {
  const { db, clock, emit, log } = parts;
  const stored = new SampleStore(db);
  // Sensing drops what the disk refuses and keeps the live mood going; text and check-ins fail the call.
  const samples = parts.health ? new GuardedSamples(stored, parts.health, 'drop') : stored;
  const textSamples = parts.health ? new GuardedSamples(stored, parts.health, 'throw') : stored;
  const settings = new SettingsStore(db);
  const checkIns = new CheckInStore(db);
  const mood = new MoodService({
    clock,
    samples,
    prompts: new PromptStore(db),
    events: new EventStore(db),
    settings,
    emit,
    log,
  });
  const text = parts.classifier
    ? new TextIntake({
        classifier: parts.classifier,
        samples: textSamples,
        checkIns,
        settings,
        now: () => clock.now(),
        newToken: () => randomBytes(32).toString('base64url'),
      })
    : undefined;
  const engine = new Engine({
    analyzer: parts.analyzer,
    samples,
    history: new HistoryService({ db, clock, settings, checkIns, log }),
    text,
    feed: new EngineFeed({ db, settings, now: () => clock.now() }),
    mood,
    personal: new PersonalService({
      store: new PersonalStore(db),
      clock,
      emit,
      log,
      microphoneOn: () => new AppSettings(settings).sensors().microphone,
    }),
    emit,
    log,
    voice: parts.voice,
    advanceClock: parts.advanceClock,
  });
  return { engine, mood };
}
