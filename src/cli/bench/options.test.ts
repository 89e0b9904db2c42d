import { describe, expect, it } from 'vitest';
import { parseBenchArgs, parseHistoryBenchArgs, parseTextLoadArgs, parseVoiceFilesArgs } from './options';
import { refused } from '../args/refused.test-support';

describe('bench options', () => {
  it('leaves absent counts to the bench defaults and reads given ones, 0 skipping a section', () => {
    expect(parseBenchArgs([])).toEqual({
      help: false,
      options: {
        bench: {
          runs: undefined,
          faceapiRuns: undefined,
          textMessages: undefined,
          voiceSeconds: undefined,
          realtimeSeconds: undefined,
          historyDays: undefined,
          feedSeconds: undefined,
        },
        json: false,
      },
    });
    const parsed = parseBenchArgs(['--runs', '5', '--faceapi-runs', '0', '--history-days', '0', '--json']);
    expect(parsed).toMatchObject({ options: { bench: { runs: 5, faceapiRuns: 0, historyDays: 0 }, json: true } });
  });

  it('refuses a count that is not a whole number in range, and unknown options', () => {
    expect(refused(() => parseBenchArgs(['--runs', 'abc']))).toBe(
      '--runs must be a whole number from 1 to 10000, got abc',
    );
    expect(refused(() => parseBenchArgs(['--runs', '0']))).toMatch(/--runs must be/);
    expect(refused(() => parseBenchArgs(['--feed-seconds', '2.5']))).toMatch(/--feed-seconds must be/);
    expect(refused(() => parseBenchArgs(['--voice-seconds', '-1']))).toMatch(/--voice-seconds/);
    expect(refused(() => parseBenchArgs(['--days', '3']))).toMatch(/Unknown option '--days'/);
    expect(refused(() => parseBenchArgs(['history']))).toMatch(/history/);
  });
});

describe('bench history, text-load and voice-files options', () => {
  it('reads history options and refuses fewer than 7 runs or more than 24 hours a day', () => {
    expect(parseHistoryBenchArgs(['--days', '30', '--hours', '8', '--runs', '7', '--json'])).toEqual({
      help: false,
      options: { history: { days: 30, hoursPerDay: 8, runs: 7 }, json: true },
    });
    expect(refused(() => parseHistoryBenchArgs(['--runs', '3']))).toMatch(/--runs must be a whole number from 7/);
    expect(refused(() => parseHistoryBenchArgs(['--hours', '25']))).toMatch(/--hours/);
  });

  it('fills text-load defaults and refuses zero requests in flight', () => {
    expect(parseTextLoadArgs([])).toEqual({ help: false, options: { messages: 20_000, batch: 1_000, parallel: 8 } });
    expect(parseTextLoadArgs(['--messages', '5000'])).toMatchObject({ options: { messages: 5_000 } });
    expect(refused(() => parseTextLoadArgs(['--parallel', '0']))).toMatch(/--parallel/);
  });

  it('reads an actor range LO-HI within 1–24', () => {
    expect(parseVoiceFilesArgs([])).toEqual({
      help: false,
      options: { data: '../shared/datasets/ravdess', actors: [17, 20] },
    });
    expect(parseVoiceFilesArgs(['--actors', '1-4', '--data', '/r'])).toEqual({
      help: false,
      options: { data: '/r', actors: [1, 4] },
    });
    for (const bad of ['20-17', '0-3', '17', 'a-b', '17-25']) {
      expect(refused(() => parseVoiceFilesArgs(['--actors', bad]))).toMatch(/--actors takes a range/);
    }
  });
});
