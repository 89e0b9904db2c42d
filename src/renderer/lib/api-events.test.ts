import { describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../shared/mood';
import { ApiEvents } from './api-events';

const STATUS: AppStatus = {
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 120,
  lastFrameAt: null,
  problem: null,
};

describe('ApiEvents', () => {
  it('delivers an event to its listeners until each unsubscribes', () => {
    const events = new ApiEvents();
    const seen: string[] = [];
    const off = events.on('status', () => seen.push('a'));
    events.on('status', () => seen.push('b'));
    events.on('mood', () => seen.push('mood'));
    events.dispatch('status', STATUS);
    off();
    events.dispatch('status', STATUS);
    expect(seen).toEqual(['a', 'b', 'b']);
  });

  it('keeps delivering to other listeners when one throws, and logs the failure', () => {
    const events = new ApiEvents();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: AppStatus[] = [];
    events.on('status', () => {
      throw new Error('listener bug');
    });
    events.on('status', (s) => seen.push(s));
    events.dispatch('status', STATUS);
    expect(seen).toEqual([STATUS]);
    expect(consoleError).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });

  it('lets a listener unsubscribe while the event is being delivered', () => {
    const events = new ApiEvents();
    const seen: string[] = [];
    const off = events.on('status', () => {
      seen.push('once');
      off();
    });
    events.on('status', () => seen.push('always'));
    events.dispatch('status', STATUS);
    events.dispatch('status', STATUS);
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});
