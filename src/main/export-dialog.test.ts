import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimeRange } from '../shared/api';
import { AttuneError, fail, ok } from '../shared/envelope';
import type { ExportFormat } from '../shared/history-api';
import { createSaveExport, exportFileName, withExtension, type ExportEngine } from './export-dialog';
import { dialog, resetElectronFake } from './test-support/electron-fake';

/** 5 January 2026, 23:30 local time: late in the day, so a UTC date would often be wrong. */
const NOW = new Date(2026, 0, 5, 23, 30).getTime();
const DOCS = join('/home', 'ada', 'Documents');

function setup(answer: Awaited<ReturnType<ExportEngine['request']>> = ok({ bytes: 1234 })) {
  const calls: [ExportFormat, TimeRange | undefined, string][] = [];
  const request = vi.fn((_method: 'writeExport', format: ExportFormat, range: TimeRange | undefined, path: string) => {
    calls.push([format, range, path]);
    return Promise.resolve(answer);
  });
  const engine: ExportEngine = { request };
  const documentsDir = vi.fn(() => DOCS);
  const save = createSaveExport({
    showSaveDialog: (options) => dialog.showSaveDialog(options),
    engine,
    documentsDir,
    now: () => NOW,
  });
  return { save, calls, request, documentsDir };
}

beforeEach(() => resetElectronFake());

describe('exportFileName and withExtension', () => {
  it('names the file by the local day', () => {
    expect(exportFileName('csv', NOW)).toBe('attune-history-2026-01-05.csv');
    expect(exportFileName('json', new Date(2026, 10, 22, 0, 0).getTime())).toBe('attune-history-2026-11-22.json');
  });

  it('adds the extension only when the name has none', () => {
    expect(withExtension('/tmp/mood', 'csv')).toBe('/tmp/mood.csv');
    expect(withExtension('/tmp/mood.csv', 'csv')).toBe('/tmp/mood.csv');
    expect(withExtension('/tmp/mood.txt', 'json')).toBe('/tmp/mood.txt');
  });
});

describe('createSaveExport', () => {
  it('suggests a dated file in Documents, with the format as the only filter', async () => {
    const t = setup();
    await t.save('json', undefined);
    expect(dialog.shown).toHaveLength(1);
    expect(dialog.shown[0]?.options).toEqual({
      title: 'Export mood history',
      defaultPath: join(DOCS, 'attune-history-2026-01-05.json'),
      buttonLabel: 'Export',
      filters: [{ name: 'JSON', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('returns cancelled and asks the engine nothing when the dialog is cancelled', async () => {
    const t = setup();
    expect(await t.save('csv', undefined)).toEqual({ kind: 'cancelled' });
    // Some platforms answer "not cancelled" with an empty path when the dialog is dismissed.
    dialog.answer = { canceled: false, filePath: '' };
    expect(await t.save('csv', undefined)).toEqual({ kind: 'cancelled' });
    expect(t.request).not.toHaveBeenCalled();
  });

  it('has the engine write the chosen file, range and all, and reports its size', async () => {
    const t = setup();
    dialog.answer = { canceled: false, filePath: '/home/ada/Desktop/mood' };
    const range = { from: 1, to: 2 };
    expect(await t.save('csv', range)).toEqual({ kind: 'saved', path: '/home/ada/Desktop/mood.csv', bytes: 1234 });
    expect(t.calls).toEqual([['csv', range, '/home/ada/Desktop/mood.csv']]);
    expect(t.request).toHaveBeenCalledWith('writeExport', 'csv', range, '/home/ada/Desktop/mood.csv');
  });

  it("raises the engine's error as a typed error", async () => {
    const t = setup(fail('database-unreadable', 'the history could not be read'));
    dialog.answer = { canceled: false, filePath: '/tmp/x.json' };
    const result = t.save('json', undefined);
    await expect(result).rejects.toBeInstanceOf(AttuneError);
    await expect(result).rejects.toMatchObject({ kind: 'database-unreadable' });
  });

  it('still offers the file name when there is no Documents folder', async () => {
    const t = setup();
    t.documentsDir.mockImplementation(() => {
      throw new Error("Failed to get 'documents' path");
    });
    await t.save('csv', undefined);
    expect(dialog.shown[0]?.options.defaultPath).toBe('attune-history-2026-01-05.csv');
  });
});
