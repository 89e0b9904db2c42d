/** Writes a history export straight into a file: Electron's save dialog target, or the host's one-time download. */
import { open, rm } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import type { ExportFormat } from '../../shared/history';
import type { HistoryExporter } from '../store/export';

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission was refused',
  EPERM: 'permission was refused',
  ENOSPC: 'the disk is full',
  ENOENT: 'the folder does not exist',
  EISDIR: 'the path is a folder',
  EROFS: 'the disk is read-only',
};

function unwritable(path: string, err: unknown): AttuneError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why = FILE_PROBLEMS[code] ?? (err instanceof Error ? err.message : String(err));
  return new AttuneError('bad-input', `The export could not be written to ${path}: ${why}.`, { cause: err });
}

/**
 * Streams the export of `from <= t < to` (unix ms) into `path` (absolute), created or replaced with mode 0600,
 * chunk by chunk as the exporter reads its pages; a failed export leaves no partial file. `now` is the stamp.
 * Returns the bytes written. @throws AttuneError `bad-input` for a relative path or a file that cannot be written.
 */
export async function writeExportFile(
  exporter: HistoryExporter,
  format: ExportFormat,
  range: { from: number; to: number },
  path: string,
  now: number,
): Promise<{ bytes: number }> {
  if (typeof path !== 'string' || !isAbsolute(path)) throw new AttuneError('bad-input', 'export needs a full path');
  const file = await open(path, 'w', 0o600).catch((err: unknown) => {
    throw unwritable(path, err);
  });
  let bytes = 0;
  try {
    // An existing file keeps its old mode when opened: tighten it before any history goes in.
    await file.chmod(0o600);
    const write = async (chunk: string): Promise<void> => {
      const buffer = Buffer.from(chunk, 'utf8');
      for (let offset = 0; offset < buffer.length;) offset += (await file.write(buffer, offset)).bytesWritten;
      bytes += buffer.length;
    };
    await exporter.export(format, range.from, range.to, write, { now });
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw err instanceof AttuneError ? err : unwritable(path, err);
  }
  return { bytes };
}
