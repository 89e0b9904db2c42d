/**
 * Puts an Engine together from an open database and loaded models: the stores, the mood service (fusion,
 * prompts, baseline), the history service and the text intake. One place, so the engine process and
 * `analyze` run exactly the same engine.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/clock';
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { Engine, type VoiceAnalyzer } from '../core/engine';
import { EngineFeed } from '../feed/engine-feed';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { HistoryService } from '../history/history-service';
import { MoodService } from '../mood/mood-service';
import { PersonalService } from '../personal/personal-service';
import { CheckInStore } from '../store/check-ins';
import { EventStore } from '../store/events';
import { PersonalStore } from '../store/personal';
import { PromptStore } from '../store/prompts';
import { SampleStore } from '../store/samples';
import { SettingsStore } from '../store/settings';
import { TextIntake, type TextAnalyzer } from '../text/text-intake';

export interface EngineParts {
  db: Database;
  analyzer: FrameAnalyzer;
  classifier: TextAnalyzer;
  /** Null: microphone audio is dropped (the voice model did not load, or was not asked for). */
  voice: VoiceAnalyzer | null;
  /** The engine's time: the system clock live, a test clock in e2e tests, media time in `analyze`. */
  clock: Clock;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** Only where the engine runs on a test clock. */
  advanceClock?: (ms: number) => number;
}

export function assembleEngine(parts: EngineParts): { engine: Engine; mood: MoodService } {
  const { db, clock, emit, log } = parts;
  const samples = new SampleStore(db);
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
  const text = new TextIntake({
    classifier: parts.classifier,
    samples,
    checkIns,
    settings,
    now: () => clock.now(),
    newToken: () => randomBytes(32).toString('base64url'),
  });
  const engine = new Engine({
    analyzer: parts.analyzer,
    samples,
    history: new HistoryService({ db, clock, settings, checkIns, log }),
    text,
    feed: new EngineFeed({ db, settings, now: () => clock.now() }),
    mood,
    personal: new PersonalService({ store: new PersonalStore(db), clock, emit, log }),
    emit,
    log,
    voice: parts.voice,
    advanceClock: parts.advanceClock,
  });
  return { engine, mood };
}
