import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus, LiveMood } from '../shared/mood';
import { resetElectronFake, Tray } from './test-support/electron-fake';
import { AttuneTray } from './tray';
import type { TrayMenuItem } from './tray-menu';

vi.mock('electron', () => import('./test-support/electron-fake'));

const status = (patch: Partial<AppStatus> = {}): AppStatus => ({
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 1,
  lastFrameAt: null,
  problem: null,
  ...patch,
});
const happy: LiveMood = {
  t: 0,
  label: 'happy',
  probs: { neutral: 0, happy: 1, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
  valence: 0.8,
  arousal: 0.2,
  confidence: 0.9,
  modalities: {
    face: { share: 1, probs: null, lastAt: null },
    voice: { share: 0, probs: null, lastAt: null },
    text: { share: 0, probs: null, lastAt: null },
  },
};

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
    expect(t.fake.images).toHaveLength(2);
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
