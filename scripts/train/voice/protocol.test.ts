import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion } from '../../../src/shared/labels';
import type { Clip } from './data';
import { outputLabels, predict, train, type Hyper } from './protocol';

/** Two features; each class sits at its own point, calm beside neutral's, so the classes are separable. */
function clips(): Clip[] {
  const out: Clip[] = [];
  const classes: [string, Emotion, number, number][] = [
    ['neutral', 'neutral', 0, 0],
    ['calm', 'neutral', 0, 3],
    ['sad', 'sad', 3, 0],
    ['angry', 'angry', -3, 0],
  ];
  for (let actor = 1; actor <= 4; actor++) {
    for (const [original, label, x, y] of classes) {
      for (let k = 0; k < 3; k++) {
        const features = Float64Array.from([x + 0.1 * k + 0.05 * actor, y - 0.1 * k]);
        out.push({ path: `${original}/${actor}-${k}.wav`, original, label, actor, intensity: 1, features, activeS: 2 });
      }
    }
  }
  return out;
}

const hyper: Hyper = { lambdaGlobal: 0.01, lambdaSpeaker: 0.01, priorUtterances: 0, minUtterances: 3, augment: 0 };

describe('train with calm as a class of its own', () => {
  it('has eight outputs and reports calm clips as neutral, over EMOTIONS', () => {
    expect(outputLabels(hyper)).toEqual([...EMOTIONS]);
    const h = { ...hyper, calmClass: true };
    const m = train(clips(), h);
    expect(m.labels).toEqual([...EMOTIONS, 'calm']);
    expect(m.global.bias).toHaveLength(8);
    const p = predict(m, h, Float64Array.from([0, 3]), null);
    expect(p).toHaveLength(EMOTIONS.length);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(EMOTIONS[p.indexOf(Math.max(...p))]).toBe('neutral');
  });
});
