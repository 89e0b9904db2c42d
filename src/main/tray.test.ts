import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveMood } from '../shared/mood';
import { appStatus, liveMood } from './test-support/fixtures';
import { resetElectronFake, Tray } from './test-support/electron-fake';
import { AttuneTray } from './tray';
import { trayIconBitmap, type TrayIconState } from './tray-icon';
import type { TrayMenuItem } from './tray-menu';

vi.mock('electron', () => import('./test-support/electron-fake'));

const status = appStatus;
const happy: LiveMood = liveMood('happy', { valence: 0.8, arousal: 0.2 });

/** Which state an image the tray was given was drawn for (the fake keeps the bitmap). */
const STATES: TrayIconState[] = ['steady', 'bright', 'low', 'tense', 'unknown', 'paused', 'off'];
function drawn(image: unknown): TrayIconState | undefined {
  const buffer = (image as { buffer: Buffer }).buffer;
  return STATES.find((s) => Buffer.from(trayIconBitmap(s, 32)).equals(buffer));
}

function setup(initial = status()) {
  const actions = {
    pauseFor: vi.fn<(ms: number) => void>(),
    pauseUntilTomorrow: vi.fn<() => void>(),
    resume: vi.fn<() => void>(),
    openDashboard: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
  };
  const tray = new AttuneTray(actions, initial);
  const fake = Tray.instances[0];
  if (!fake) throw new Error('no tray');
  const items = (): TrayMenuItem[] => (fake.menu?.template ?? []) as TrayMenuItem[];
  return { tray, fake, actions, items };
}

beforeEach(() => resetElectronFake());

describe('AttuneTray', () => {
  it('shows a 16-DIP icon drawn at 2x, a menu and a tooltip from the start', () => {
    const t = setup();
    expect(t.fake.images[0]).toMatchObject({ options: { width: 32, height: 32, scaleFactor: 2 } });
    expect(t.items()[0]?.label).toBe('Mood: — · camera on');
    expect(t.fake.tooltip).toBe('Attune');
  });

  it('follows the mood and the pause', () => {
    const t = setup();
    t.tray.update(status(), happy);
    expect(t.items()[0]?.label).toBe('Mood: Happy · camera on');
    expect(t.fake.tooltip).toBe('Attune — Happy');
    t.tray.update(status({ paused: true, camera: 'paused' }), happy);
    expect(t.items()[0]?.label).toBe('Paused');
    expect(t.fake.tooltip).toBe('Attune — paused');
    expect(t.fake.images.map(drawn)).toEqual(['unknown', 'bright', 'paused']);
    expect(t.items().find((i) => i.label === 'Resume')?.enabled).toBe(true);
  });

  it('draws the icon for each state: mood family, unknown, paused, off', () => {
    const t = setup(status({ engine: 'starting' }));
    t.tray.update(status(), { ...happy, label: 'sad' });
    t.tray.update(status(), { ...happy, label: 'angry' });
    t.tray.update(status(), { ...happy, label: 'fearful' });
    t.tray.update(status(), { ...happy, label: 'neutral' });
    t.tray.update(status(), { ...happy, label: 'unknown' });
    t.tray.update(status({ engine: 'failed' }), null);
    expect(t.fake.images.map(drawn)).toEqual(['unknown', 'low', 'tense', 'steady', 'unknown', 'off']);
    expect(t.items()[0]?.label).toBe('Analysis unavailable');
  });

  it('shows off, with a word for it, when every sensor is switched off', () => {
    const t = setup();
    t.tray.update(status({ camera: 'off' }), null, true);
    expect(t.fake.images.map(drawn)).toEqual(['unknown', 'off']);
    expect(t.items()[0]?.label).toBe('Sensors off');
    expect(t.fake.tooltip).toBe('Attune — sensors off');
  });

  it('redraws the icon without rebuilding the menu when only the icon changes', () => {
    const t = setup();
    t.tray.update(status(), happy);
    const menu = t.fake.menu;
    t.tray.update(status(), { ...happy, label: 'surprised' });
    // Happy and surprised share a family: nothing to redraw, but the line changed.
    expect(t.fake.images).toHaveLength(2);
    expect(t.fake.menu).not.toBe(menu);
  });

  it('does not rebuild the menu when nothing it shows changed', () => {
    const t = setup();
    t.tray.update(status(), happy);
    const menu = t.fake.menu;
    t.tray.update(status({ lastFrameAt: 99 }), { ...happy, t: 5 });
    expect(t.fake.menu).toBe(menu);
  });

  it('runs the actions from the menu and opens the dashboard on click', () => {
    const t = setup();
    t.items()
      .find((i) => i.label === 'Pause for 15 minutes')
      ?.click?.();
    expect(t.actions.pauseFor).toHaveBeenCalledWith(900_000);
    t.items()
      .find((i) => i.label === 'Quit Attune')
      ?.click?.();
    expect(t.actions.quit).toHaveBeenCalledOnce();
    t.fake.emit('click');
    expect(t.actions.openDashboard).toHaveBeenCalledOnce();
  });

  it('destroys the tray icon', () => {
    const t = setup();
    t.tray.destroy();
    expect(t.fake.destroyed).toBe(true);
  });
});

describe('AttuneTray following app events', () => {
  it('keeps the last status, mood and sensors between events', () => {
    const t = setup(status({ engine: 'starting' }));
    t.tray.setMood(happy);
    // Still starting: the mood is kept but not shown yet.
    expect(t.items()[0]?.label).toBe('Starting…');
    t.tray.setStatus(status());
    expect(t.items()[0]?.label).toBe('Mood: Happy · camera on');
    t.tray.setSensors({ camera: false, microphone: false });
    expect(t.fake.images.map(drawn)).toEqual(['unknown', 'bright', 'off']);
    t.tray.setSensors({ camera: false, microphone: true });
    t.tray.setStatus(status({ paused: true, camera: 'paused' }));
    t.tray.setStatus(status());
    expect(t.fake.images.map(drawn)).toEqual(['unknown', 'bright', 'off', 'bright', 'paused', 'bright']);
  });
});
