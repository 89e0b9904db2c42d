import { describe, expect, it } from 'vitest';
import { parseEvalFacesArgs, parseEvalTextArgs, parseEvalVadArgs, parseEvalVoiceArgs } from './options';
import { refused } from '../args/refused.test-support';

describe('eval faces options', () => {
  it('reads the data set and every option', () => {
    expect(
      parseEvalFacesArgs(['set', '--split', 'test', '--flip', '--crop', 'detect', '--models', 'human,attune']),
    ).toEqual({
      help: false,
      options: {
        path: 'set',
        split: 'test',
        flip: true,
        crop: 'detect',
        models: ['human', 'attune'],
        personal: null,
        json: false,
      },
    });
  });

  it('passes the personal options on to their own checks', () => {
    const parsed = parseEvalFacesArgs(['set', '--personal', '2', '--subject-column', 'subject', '--json']);
    expect(parsed).toMatchObject({ options: { personal: { k: 2, subjectColumn: 'subject', seeds: 5 }, json: true } });
    expect(refused(() => parseEvalFacesArgs(['set', '--personal', 'two', '--subject-column', 's']))).toMatch(
      /--personal takes a whole number/,
    );
    expect(refused(() => parseEvalFacesArgs(['set', '--seeds', '3']))).toMatch(/go with --personal/);
  });

  it('refuses a bad crop, an unknown model, an unknown option and a missing or second data set', () => {
    expect(refused(() => parseEvalFacesArgs(['set', '--crop', 'tight']))).toMatch(/--crop must be/);
    expect(refused(() => parseEvalFacesArgs(['set', '--models', 'human,bogus']))).toMatch(/--models takes/);
    expect(refused(() => parseEvalFacesArgs(['set', '--speaker-column', 'x']))).toMatch(/Unknown option/);
    expect(refused(() => parseEvalFacesArgs([]))).toMatch(/expected one data set/);
    expect(refused(() => parseEvalFacesArgs(['a', 'b']))).toMatch(/got a b/);
  });

  it('answers --help', () => {
    expect(parseEvalFacesArgs(['--help'])).toEqual({ help: true });
  });
});

describe('eval voice, text and vad options', () => {
  it('reads voice options and refuses face-only ones', () => {
    expect(parseEvalVoiceArgs(['set', '--speaker-column', 'actor'])).toMatchObject({
      options: { path: 'set', speakerColumn: 'actor', personal: null, json: false },
    });
    expect(refused(() => parseEvalVoiceArgs(['set', '--flip']))).toMatch(/Unknown option '--flip'/);
    expect(refused(() => parseEvalVoiceArgs(['set', '--speaker-column', '']))).toBe('--speaker-column is empty');
  });

  it('takes exactly one text file', () => {
    expect(parseEvalTextArgs(['a.csv', '--json'])).toEqual({ help: false, options: { path: 'a.csv', json: true } });
    expect(refused(() => parseEvalTextArgs([]))).toMatch(/expected one file/);
    expect(refused(() => parseEvalTextArgs(['a.csv', '--split', 'x']))).toMatch(/Unknown option/);
  });

  it('defaults vad to ../shared and the shipped model, and takes no positionals', () => {
    expect(parseEvalVadArgs([])).toEqual({
      help: false,
      options: { shared: '../shared', model: 'resources/models/silero-vad-v6.onnx' },
    });
    expect(parseEvalVadArgs(['--shared', '/data'])).toMatchObject({ options: { shared: '/data' } });
    expect(refused(() => parseEvalVadArgs(['/data']))).toMatch(/\/data/);
  });
});
