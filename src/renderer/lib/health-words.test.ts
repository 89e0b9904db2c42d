import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../shared/envelope';
import type { HealthPart, HealthProblem } from '../../shared/health';
import type { AppStatus } from '../../shared/mood';
import { healthNotices } from './health-words';
import { diagnosticIn } from './non-diagnostic.test-support';

const status = (over: Partial<AppStatus> = {}): AppStatus => ({
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 100,
  lastFrameAt: null,
  problem: null,
  ...over,
});

const problem = (part: HealthPart, kind: ErrorKind): HealthProblem => ({ part, kind, detail: 'SQLITE_FULL at x' });

/** Every case the dashboard can meet, for the wording checks. */
const CASES: [HealthPart, ErrorKind][] = [
  ['database', 'database-unreadable'],
  ['database', 'data-folder-read-only'],
  ['database', 'disk-full'],
  ['saving', 'disk-full'],
  ['saving', 'data-folder-read-only'],
  ['saving', 'database-unreadable'],
  ['face', 'model-missing'],
  ['face', 'model-corrupt'],
  ['voice', 'model-missing'],
  ['voice', 'model-corrupt'],
  ['text', 'model-missing'],
  ['text', 'model-corrupt'],
];

describe('healthNotices', () => {
  it('says nothing when all is well', () => {
    expect(healthNotices(status())).toEqual([]);
    expect(healthNotices(status({ problems: [] }))).toEqual([]);
    expect(healthNotices(null)).toEqual([]);
  });

  it('words a full disk as the issue asks: saving stops, live mood goes on, history resumes with space', () => {
    const [notice] = healthNotices(status({ problems: [problem('saving', 'disk-full')] }));
    expect(notice?.text).toBe(
      "Attune can't save to its folder because the disk is full. Live mood still works; history resumes by itself " +
        'when there is space.',
    );
  });

  it('tells what still works for each modality whose model is missing or damaged', () => {
    const [face] = healthNotices(status({ problems: [problem('face', 'model-corrupt')] }));
    expect(face?.text).toMatch(
      /facial expressions because a file it needs is damaged\. Voice and written words still work/,
    );
    const [voice] = healthNotices(status({ problems: [problem('voice', 'model-missing')] }));
    expect(voice?.text).toMatch(/tone of voice because a file it needs is missing\. Face and written words still work/);
    const [text] = healthNotices(status({ problems: [problem('text', 'model-missing')] }));
    expect(text?.text).toMatch(/Face and voice still work/);
  });

  it('says what to do about an unreadable history, and that live mood goes on without it', () => {
    const [notice] = healthNotices(status({ problems: [problem('database', 'database-unreadable')] }));
    expect(notice?.text).toMatch(/Live mood still works, but nothing is saved.*move attune\.sqlite out/);
  });

  it('names a camera held by another program, unless Attune is paused', () => {
    expect(healthNotices(status({ camera: 'busy' }))).toEqual([
      {
        key: 'camera',
        text:
          'Another program is using the camera. Voice and written words still work. Attune tries the camera ' +
          'again by itself; closing the other program frees it.',
      },
    ]);
    expect(healthNotices(status({ camera: 'busy', paused: true }))).toEqual([]);
  });

  it('promises only what still works when several parts are out', () => {
    const problems = [problem('voice', 'model-corrupt')];
    const [voice, camera] = healthNotices(status({ problems, camera: 'busy' }));
    expect(voice?.text).toMatch(/damaged\. Written words still work\. Reinstalling/);
    expect(camera?.text).toMatch(/using the camera\. Written words still work\. Attune tries/);
    const all = [problem('face', 'model-missing'), problem('voice', 'model-missing'), problem('text', 'model-missing')];
    const [face] = healthNotices(status({ problems: all }));
    expect(face?.text).toBe(
      "Attune can't read facial expressions because a file it needs is missing. Reinstalling Attune should fix this.",
    );
  });

  it('lists several at once, most basic first, and none while the engine is not ready', () => {
    const problems = [problem('voice', 'model-missing'), problem('database', 'database-unreadable')];
    expect(healthNotices(status({ problems, camera: 'busy' })).map((n) => n.key)).toEqual([
      'database',
      'voice',
      'camera',
    ]);
    expect(healthNotices(status({ problems, engine: 'restarting' }))).toEqual([]);
  });

  it('uses plain words: no codes, no technical detail, nothing diagnostic, and always what still works', () => {
    const texts = CASES.map(
      ([part, kind]) => healthNotices(status({ problems: [problem(part, kind)] }))[0]?.text ?? '',
    );
    texts.push(healthNotices(status({ camera: 'busy' }))[0]?.text ?? '');
    expect(diagnosticIn(texts)).toEqual([]);
    for (const text of texts) {
      expect(text).not.toMatch(/SQLITE_|ENOSPC|EACCES|\.onnx|model-|database-|undefined/);
      expect(text).toMatch(/still works?|keeps trying/);
    }
  });
});
