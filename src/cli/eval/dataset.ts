import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { canonicalLabel } from '../../shared/labels';
import type { Emotion } from '../../shared/labels';
import { parseCsv } from './csv';

export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png'];
export const AUDIO_EXTENSIONS: readonly string[] = ['.wav'];

/** One file to evaluate and its true label. */
export interface LabelledItem {
  /** Absolute path. */
  path: string;
  label: Emotion;
  /** Who is speaking (or shown), from the csv column named by `speakerColumn`; absent otherwise. */
  speaker?: string;
  /** The person, from the csv column named by `subjectColumn` (personal adaptation); absent otherwise. */
  subject?: string;
  /** Items that must not score one another (e.g. a CK+ sequence), from `groupColumn`; absent otherwise. */
  group?: string;
}

export interface Dataset {
  items: LabelledItem[];
  /** Items whose label is outside Attune's set (contempt, boredom…), counted by their original name. */
  skipped: Record<string, number>;
  /** `csv`: read from a labels file; `folders`: from `<label>/` folders. */
  layout: 'csv' | 'folders';
  /** The csv file or the folder holding the label folders (absolute). */
  source: string;
}

export interface DatasetOptions {
  /** File name endings to take in the folder layout, lower case with the dot. Default IMAGE_EXTENSIONS. */
  extensions?: readonly string[];
  /**
   * Which part to take: a subfolder of `path` (e.g. FER2013 `test`), or else a value of labels.csv's `split`
   * column (e.g. `PrivateTest`, matched without regard to case). Default: everything.
   */
  split?: string;
  /**
   * A labels.csv column naming each file's speaker (e.g. RAVDESS `actor`), copied into `speaker`. The folder
   * layout has no such column: asking for one there is bad-input. Default: none.
   */
  speakerColumn?: string;
  /** A labels.csv column naming each file's person, copied into `subject` (as `speakerColumn`). Default: none. */
  subjectColumn?: string;
  /** A labels.csv column grouping files that must not score one another, copied into `group`. Default: none. */
  groupColumn?: string;
}

/** Extra labels.csv columns copied into each item, by field. */
type Columns = Partial<Record<'speaker' | 'subject' | 'group', string>>;

const isDir = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() === true;
const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() === true;

const visible = (name: string) => !name.startsWith('.');

function count(skipped: Record<string, number>, name: string, by = 1): void {
  skipped[name] = (skipped[name] ?? 0) + by;
}

/**
 * Lists the labelled items under `path`, which is one of:
 * - a csv file with a header `path,label[,split][,…]` (paths relative to the csv; other columns ignored;
 *   every row is taken whatever its extension);
 * - a folder with `<label>/<file>` (files with `extensions`), or with split folders (`train/<label>/…`) when
 *   `split` names one;
 * - a folder with a `labels.csv`, used when `split` is not a subfolder.
 * Labels pass through canonicalLabel(); items in order of folder then file name, or csv order.
 * @throws AttuneError `bad-input` when the path, layout, header or split is not usable.
 */
export async function loadDataset(path: string, options: DatasetOptions = {}): Promise<Dataset> {
  const { extensions = IMAGE_EXTENSIONS, split, speakerColumn, subjectColumn, groupColumn } = options;
  const columns: Columns = { speaker: speakerColumn, subject: subjectColumn, group: groupColumn };
  const named = Object.values(columns).find((c) => c !== undefined);
  const root = resolve(path);
  if (await isFile(root)) {
    if (extname(root).toLowerCase() !== '.csv') throw new AttuneError('bad-input', `${path} is not a folder or a .csv`);
    return fromCsv(root, split, columns);
  }
  if (!(await isDir(root))) throw new AttuneError('bad-input', `${path} does not exist`);
  const csv = join(root, 'labels.csv');
  const splitDir = split !== undefined && (await isDir(join(root, split)));
  if (!splitDir && (await isFile(csv))) return fromCsv(csv, split, columns);
  if (named !== undefined) {
    throw new AttuneError('bad-input', `the ${named} column needs a labels.csv; ${path} is read from label folders`);
  }
  if (split !== undefined && splitDir) return fromFolders(join(root, split), extensions);
  if (split !== undefined) {
    throw new AttuneError('bad-input', `${path} has no ${split}/ folder and no labels.csv to take a split from`);
  }
  return fromFolders(root, extensions);
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && visible(e.name))
    .map((e) => e.name)
    .sort();
}

async function fromFolders(dir: string, extensions: readonly string[]): Promise<Dataset> {
  const folders = await subfolders(dir);
  // `train/`, `test/`… rather than labels: the caller must choose, or train and test would be mixed.
  if (!folders.some((name) => canonicalLabel(name) !== undefined)) {
    const nested = await Promise.all(folders.map(async (f) => (await subfolders(join(dir, f))).length > 0));
    if (nested.some(Boolean)) {
      throw new AttuneError('bad-input', `${dir} holds splits (${folders.join(', ')}): choose one with --split`);
    }
  }
  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  const items: LabelledItem[] = [];
  const skipped: Record<string, number> = {};
  for (const folder of folders) {
    const entries = await readdir(join(dir, folder), { withFileTypes: true });
    const files = entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && visible(e.name) && wanted.has(extname(e.name).toLowerCase()))
      .map((e) => e.name)
      .sort();
    const label = canonicalLabel(folder);
    if (label === undefined) {
      if (files.length > 0) count(skipped, folder, files.length);
      continue;
    }
    for (const name of files) items.push({ path: join(dir, folder, name), label });
  }
  return { items, skipped, layout: 'folders', source: dir };
}

async function fromCsv(file: string, split: string | undefined, named: Columns = {}): Promise<Dataset> {
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const pathAt = columns.indexOf('path');
  const labelAt = columns.indexOf('label');
  const splitAt = columns.indexOf('split');
  const extra = Object.entries(named)
    .filter((entry): entry is [keyof Columns, string] => entry[1] !== undefined)
    .map(([field, name]) => ({ field, name, at: columns.indexOf(name.trim().toLowerCase()) }));
  if (pathAt < 0 || labelAt < 0) {
    throw new AttuneError('bad-input', `${file} must start with a header naming path and label columns`);
  }
  if (split !== undefined && splitAt < 0) throw new AttuneError('bad-input', `${file} has no split column`);
  for (const { name, at } of extra) if (at < 0) throw new AttuneError('bad-input', `${file} has no ${name} column`);
  const base = dirname(file);
  const items: LabelledItem[] = [];
  const skipped: Record<string, number> = {};
  const splits = new Set<string>();
  for (const { line, fields } of rows) {
    const path = fields[pathAt]?.trim();
    const name = fields[labelAt]?.trim();
    if (!path || name === undefined) throw new AttuneError('bad-input', `${file}:${line} has no path or label`);
    const rowSplit = fields[splitAt]?.trim() ?? '';
    splits.add(rowSplit);
    if (split !== undefined && rowSplit.toLowerCase() !== split.toLowerCase()) continue;
    const label = canonicalLabel(name);
    if (label === undefined) count(skipped, name);
    else {
      const item: LabelledItem = { path: resolve(base, path), label };
      for (const { field, at } of extra) item[field] = fields[at]?.trim() ?? '';
      items.push(item);
    }
  }
  if (split !== undefined && items.length === 0 && Object.keys(skipped).length === 0) {
    const known = [...splits].filter(Boolean).join(', ');
    throw new AttuneError('bad-input', `${file} has no rows in split ${split} (splits: ${known})`);
  }
  return { items, skipped, layout: 'csv', source: file };
}
