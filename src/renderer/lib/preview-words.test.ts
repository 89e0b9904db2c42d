import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/mood';
import { previewProblemWords, previewShown } from './preview-words';

const status = (patch: Partial<AppStatus>): AppStatus => ({
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 100,
  lastFrameAt: null,
  problem: null,
  ...patch,
});

describe('previewShown', () => {
  it('shows video only while connected, not paused and the camera on', () => {
    expect(previewShown(status({}), true)).toEqual({ kind: 'video' });
  });

  it('waits for the app', () => {
    expect(previewShown(null, true)).toMatchObject({ kind: 'words', state: 'waiting' });
    expect(previewShown(status({}), false)).toMatchObject({ kind: 'words', state: 'waiting' });
  });

  it('says paused rather than showing a picture, whatever the camera reports', () => {
    expect(previewShown(status({ paused: true, camera: 'on' }), true)).toEqual({
      kind: 'words',
      state: 'paused',
      text: 'Paused: the camera is off until you resume.',
    });
  });

  it('says the camera is off in Settings', () => {
    expect(previewShown(status({ camera: 'off' }), true)).toEqual({
      kind: 'words',
      state: 'off',
      text: 'The camera is off in Settings, so there is nothing to preview.',
    });
  });

  it('names a camera problem', () => {
    expect(previewShown(status({ camera: 'busy' }), true)).toMatchObject({
      state: 'busy',
      text: 'The camera is used by another app.',
    });
  });
});

describe('previewProblemWords', () => {
  it('explains why the preview could not open the camera', () => {
    expect(previewProblemWords('denied')).toBe(
      'This window was not allowed to show the camera. Attune goes on reading your expressions.',
    );
    expect(previewProblemWords('busy')).toBe('The camera is used by another app, so the preview cannot show it.');
    expect(previewProblemWords('unavailable')).toBe('The preview could not open the camera.');
  });
});
