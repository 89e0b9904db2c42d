import { describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../shared/mood';
import {
  arousalWords,
  cameraTone,
  cameraWords,
  clockTime,
  engineWords,
  errorWords,
  faceWords,
  labelHint,
  labelWords,
  percent,
  startOfDay,
  valenceWords,
} from './format';

function observation(patch: Partial<FaceObservation>): FaceObservation {
  return {
    t: 0,
    faceCount: 1,
    face: { x: 10, y: 10, width: 100, height: 100, score: 0.9 },
    probs: null,
    label: 'neutral',
    valence: 0,
    arousal: 0,
    confidence: 0.5,
    quality: 1,
    flags: [],
    timings: {},
    ...patch,
  };
}

describe('labels', () => {
  it('names each label in words and explains unknown', () => {
    expect(labelWords('happy')).toBe('Happy');
    expect(labelWords('fearful')).toBe('Fearful');
    expect(labelWords('unknown')).toBe('Not sure yet');
    expect(labelHint('unknown')).toMatch(/see your face clearly/);
    expect(labelHint('sad')).toBeNull();
  });
});

describe('percent', () => {
  it('rounds to a whole percent and clamps', () => {
    expect(percent(0.426)).toBe('43%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(1.7)).toBe('100%');
    expect(percent(-0.2)).toBe('0%');
    expect(percent(Number.NaN)).toBe('0%');
  });
});

describe('valence and arousal words', () => {
  it('uses bands with edges at ±0.2 and ±0.6', () => {
    expect(valenceWords(0.6)).toBe('very pleasant');
    expect(valenceWords(0.59)).toBe('pleasant');
    expect(valenceWords(0.2)).toBe('pleasant');
    expect(valenceWords(0.19)).toBe('neither pleasant nor unpleasant');
    expect(valenceWords(-0.19)).toBe('neither pleasant nor unpleasant');
    expect(valenceWords(-0.2)).toBe('unpleasant');
    expect(valenceWords(-0.6)).toBe('very unpleasant');
    expect(arousalWords(0.7)).toBe('very energetic');
    expect(arousalWords(0.3)).toBe('energetic');
    expect(arousalWords(0)).toBe('balanced');
    expect(arousalWords(-0.3)).toBe('calm');
    expect(arousalWords(-1)).toBe('very calm');
  });
});

describe('time', () => {
  it('formats local HH:MM with leading zeros', () => {
    expect(clockTime(new Date(2024, 0, 1, 9, 5, 59).getTime())).toBe('09:05');
    expect(clockTime(new Date(2024, 0, 1, 23, 0).getTime())).toBe('23:00');
    expect(clockTime(new Date(2024, 0, 1, 0, 0).getTime())).toBe('00:00');
  });

  it('finds local midnight', () => {
    expect(startOfDay(new Date(2024, 5, 3, 14, 27, 3, 9).getTime())).toBe(new Date(2024, 5, 3).getTime());
    expect(startOfDay(new Date(2024, 5, 3).getTime())).toBe(new Date(2024, 5, 3).getTime());
  });
});

describe('camera words', () => {
  it('explains problems in plain words with a way forward', () => {
    expect(cameraWords('busy', false)).toEqual({
      text: 'Camera is used by another app',
      hint: expect.stringMatching(/try again/) as unknown,
    });
    expect(cameraWords('denied', false).text).toBe('Camera permission was refused');
    expect(cameraWords('on', false)).toEqual({ text: 'Camera is on', hint: null });
  });

  it('says Paused whatever the camera was doing', () => {
    expect(cameraWords('on', true).text).toBe('Paused');
    expect(cameraWords('busy', true).text).toBe('Paused');
  });

  it('gives problems their own tone', () => {
    expect(cameraTone('on', false)).toBe('ok');
    expect(cameraTone('on', true)).toBe('idle');
    expect(cameraTone('starting', false)).toBe('idle');
    expect(cameraTone('denied', false)).toBe('problem');
    expect(cameraTone('unavailable', false)).toBe('problem');
  });
});

describe('faceWords', () => {
  it('says nothing is seen while not looking', () => {
    expect(faceWords(observation({}), false)).toEqual({ detected: false, text: 'Not looking right now', hints: [] });
  });

  it('waits for the first observation', () => {
    expect(faceWords(null, true).detected).toBe(false);
  });

  it('reports a face and its quality hints', () => {
    const words = faceWords(observation({ flags: ['too-dark'] }), true);
    expect(words.detected).toBe(true);
    expect(words.text).toBe('Face in view');
    expect(words.hints).toEqual([expect.stringMatching(/dark/)]);
  });

  it('reports no face, with advice', () => {
    const words = faceWords(observation({ faceCount: 0, face: null, flags: ['no-face'] }), true);
    expect(words).toEqual({
      detected: false,
      text: 'No face in view',
      hints: [expect.stringMatching(/camera can see/)],
    });
  });

  it('mentions several faces', () => {
    expect(faceWords(observation({ faceCount: 3 }), true).text).toBe('3 faces in view; following the largest');
  });
});

describe('engine and error words', () => {
  it('is silent when the engine is ready and there is no problem', () => {
    expect(engineWords('ready', null)).toBeNull();
    expect(engineWords('starting', null)).toBe('Attune is getting ready…');
    expect(engineWords('failed', 'A model file is missing.')).toBe(
      'Attune has stopped working. A model file is missing.',
    );
  });

  it('has a sentence for every error kind', () => {
    expect(errorWords('camera-busy')).toMatch(/another app/);
    expect(errorWords('unauthorized')).toMatch(/link/);
  });
});
