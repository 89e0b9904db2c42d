/** A real MoodService on an in-memory database, for engine tests that need the fused mood. */
import { ManualClock, type Clock } from '../../shared/clock';
import type { EngineEvent } from '../../shared/engine-protocol';
import { fixedOffsetLocalTime } from '../../shared/prompt-policy';
import type { SampleRepository } from '../core/ports';
import { MoodService } from '../mood/mood-service';
import { EventStore } from '../store/events';
import { openDatabase } from '../store/open-database';
import { PromptStore } from '../store/prompts';
import { SettingsStore } from '../store/settings';

export interface TestMoodService {
  mood: MoodService;
  clock: Clock;
  events: EventStore;
  prompts: PromptStore;
}

export function testMoodService(options: {
  samples: SampleRepository;
  emit: (event: EngineEvent) => void;
  clock?: Clock;
}): TestMoodService {
  const db = openDatabase(':memory:');
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 5, 10));
  const events = new EventStore(db);
  const prompts = new PromptStore(db);
  const mood = new MoodService({
    clock,
    samples: options.samples,
    prompts,
    events,
    settings: new SettingsStore(db),
    emit: options.emit,
    log: () => undefined,
    localTime: fixedOffsetLocalTime(0),
  });
  return { mood, clock, events, prompts };
}
