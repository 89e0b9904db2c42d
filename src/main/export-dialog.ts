/**
 * Export with a save dialog (Electron's half of `exportHistory`; the headless host offers a download).
 * Main only asks where: the engine, which owns the database, writes the file itself, so history never
 * passes through main's event loop. Pure of electron: index.ts passes `dialog.showSaveDialog` bound to the
 * dashboard window and the engine lifecycle.
 */
import { extname, join } from 'node:path';
import type { TimeRange } from '../shared/api';
import { AttuneError, type Envelope } from '../shared/envelope';
import type { ExportFormat, ExportTarget } from '../shared/history-api';

/** The subset of Electron's SaveDialogOptions used here. */
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  /** Folders can be made from the dialog (macOS); an existing file asks before it is replaced (Linux). */
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

/** Like `dialog.showSaveDialog(window, options)`: the path is empty or absent when cancelled. */
export type ShowSaveDialog = (options: SaveDialogRequest) => Promise<{ canceled: boolean; filePath?: string }>;

/** The engine call this needs; the engine answers with the size of the file it wrote. */
export interface ExportEngine {
  request(
    method: 'writeExport',
    format: ExportFormat,
    range: TimeRange | undefined,
    path: string,
  ): Promise<Envelope<{ bytes: number }>>;
}

export interface ExportDialogOptions {
  showSaveDialog: ShowSaveDialog;
  engine: ExportEngine;
  /** The folder the dialog opens in (app.getPath('documents')); when it throws, the dialog's own default. */
  documentsDir: () => string;
  /** Unix ms now, for the date in the suggested name. */
  now: () => number;
}

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (spreadsheets)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** `attune-history-YYYY-MM-DD.csv`, dated by the local day of `now`. */
export function exportFileName(format: ExportFormat, now: number): string {
  const d = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `attune-history-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.${format}`;
}

/** Adds the format's extension when the chosen name has none (Linux dialogs do not add one). */
export function withExtension(path: string, format: ExportFormat): string {
  return extname(path) === '' ? `${path}.${format}` : path;
}

export function createSaveExport(
  opts: ExportDialogOptions,
): (format: ExportFormat, range: TimeRange | undefined) => Promise<ExportTarget> {
  return async (format, range) => {
    const name = exportFileName(format, opts.now());
    let defaultPath = name;
    try {
      defaultPath = join(opts.documentsDir(), name);
    } catch {
      // Some Linux sessions have no Documents folder; the dialog then opens where it likes.
    }
    const choice = await opts.showSaveDialog({
      title: 'Export mood history',
      defaultPath,
      buttonLabel: 'Export',
      filters: [FILTERS[format]],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    const path = withExtension(choice.filePath, format);
    const answer = await opts.engine.request('writeExport', format, range, path);
    if (!answer.ok) throw new AttuneError(answer.error.kind, answer.error.message);
    return { kind: 'saved', path, bytes: answer.value.bytes };
  };
}
