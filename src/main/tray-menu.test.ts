import { describe, expect, it, vi } from 'vitest';
import type { AppStatus, LiveMood } from '../shared/mood';
import { appStatus, liveMood } from './test-support/fixtures';
import { HOUR_MS, MINUTE_MS, buildTrayMenu, statusLine, trayTooltip, type DashboardSection } from './tray-menu';

const status = (patch: Partial<AppStatus> = {}): AppStatus => appStatus({ modelLoadMs: 900, ...patch });
const mood = (label: LiveMood['label']): LiveMood => liveMood(label, { valence: 0.8, arousal: 0.3 });

const actions = () => ({
  pauseFor: vi.fn<(ms: number) => void>(),
  pauseUntilTomorrow: vi.fn<() => void>(),
  resume: vi.fn<() => void>(),
  openDashboard: vi.fn<(section?: DashboardSection) => void>(),
  quit: vi.fn<() => void>(),
});

describe('statusLine', () => {
  it('shows the mood and the camera', () => {
    expect(statusLine(status(), mood('happy'))).toBe('Mood: Happy · camera on');
    expect(statusLine(status({ camera: 'busy' }), mood('sad'))).toBe('Mood: Sad · camera busy');
    expect(statusLine(status(), null)).toBe('Mood: — · camera on');
    expect(statusLine(status(), mood('unknown'))).toBe('Mood: — · camera on');
    // Away from the camera the held mood says so, as on the Live card.
    expect(statusLine(status(), { ...mood('happy'), away: true })).toBe('Mood: Happy (away) · camera on');
    expect(trayTooltip(status(), { ...mood('happy'), away: true })).toBe('Attune — Happy (away)');
  });

  it('says paused, starting or unavailable when that is the news', () => {
    expect(statusLine(status({ paused: true, camera: 'paused' }), mood('happy'))).toBe('Paused');
    expect(statusLine(status({ engine: 'starting' }), null)).toBe('Starting…');
    expect(statusLine(status({ engine: 'restarting' }), null)).toBe('Starting…');
    expect(statusLine(status({ engine: 'failed' }), null)).toBe('Analysis unavailable');
  });

  it('says when every sensor is switched off, unless paused or the engine is down', () => {
    expect(statusLine(status({ camera: 'off' }), null, true)).toBe('Sensors off');
    expect(statusLine(status({ paused: true }), null, true)).toBe('Paused');
    expect(statusLine(status({ engine: 'failed' }), null, true)).toBe('Analysis unavailable');
    expect(trayTooltip(status(), mood('happy'), true)).toBe('Attune — sensors off');
    expect(buildTrayMenu(status(), null, actions(), true)[0]?.label).toBe('Sensors off');
  });
});

describe('trayTooltip', () => {
  it('reflects the mood or the pause', () => {
    expect(trayTooltip(status(), mood('surprised'))).toBe('Attune — Surprised');
    expect(trayTooltip(status({ paused: true }), mood('surprised'))).toBe('Attune — paused');
    expect(trayTooltip(status(), null)).toBe('Attune');
    expect(trayTooltip(status({ engine: 'failed' }), mood('happy'))).toBe('Attune');
  });
});

describe('buildTrayMenu', () => {
  it('lists the status line and the actions, in order', () => {
    const items = buildTrayMenu(status(), mood('happy'), actions());
    expect(items.map((i) => (i.type === 'separator' ? '---' : i.label))).toEqual([
      'Mood: Happy · camera on',
      '---',
      'Pause for 15 minutes',
      'Pause for 1 hour',
      'Pause until tomorrow',
      'Resume',
      '---',
      'Check in…',
      'Open dashboard',
      'Quit Attune',
    ]);
    expect(items[0]?.enabled).toBe(false);
  });

  it('enables Resume only while paused', () => {
    const resume = (s: AppStatus) => buildTrayMenu(s, null, actions()).find((i) => i.label === 'Resume');
    expect(resume(status())?.enabled).toBe(false);
    expect(resume(status({ paused: true }))?.enabled).toBe(true);
  });

  it('wires each item to its action', () => {
    const a = actions();
    const items = buildTrayMenu(status({ paused: true }), null, a);
    const click = (label: string): void => items.find((i) => i.label === label)?.click?.();
    click('Pause for 15 minutes');
    click('Pause for 1 hour');
    expect(a.pauseFor.mock.calls).toEqual([[15 * MINUTE_MS], [HOUR_MS]]);
    expect(HOUR_MS).toBe(3_600_000);
    click('Pause until tomorrow');
    expect(a.pauseUntilTomorrow).toHaveBeenCalledOnce();
    click('Resume');
    expect(a.resume).toHaveBeenCalledOnce();
    click('Check in…');
    click('Open dashboard');
    expect(a.openDashboard.mock.calls).toEqual([['check-in'], []]);
    click('Quit Attune');
    expect(a.quit).toHaveBeenCalledOnce();
  });
});
