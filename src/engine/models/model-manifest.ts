import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AttuneError } from '../../shared/envelope';

/** One model as resources/models/manifest.json describes it. */
export interface ManifestEntry {
  file: string;
  /** Hex sha256 of the file. */
  sha256: string;
  bytes: number;
  input: { name: string; shape: number[]; layout: string; dtype: string; normalisation: string };
  /** A detector with several outputs lists their names and shapes. */
  output: { name: string | string[]; shape: number[] | number[][]; labels?: string[] };
}

export interface ModelManifest {
  models: Record<string, ManifestEntry>;
}

/** Reads `<modelsDir>/manifest.json`: absent is 'model-missing', malformed is 'model-corrupt'. */
export async function readManifest(modelsDir: string): Promise<ModelManifest> {
  const path = join(modelsDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AttuneError('model-missing', `model manifest not found: ${path}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AttuneError('model-corrupt', `model manifest is not JSON: ${path}`, { cause: err });
  }
  if (!isRecord(parsed) || !isRecord(parsed.models)) {
    throw new AttuneError('model-corrupt', `model manifest has no "models" object: ${path}`);
  }
  return { models: parsed.models as Record<string, ManifestEntry> };
}

/** The entry for `id`, checked for the fields the engine relies on. */
export function manifestEntry(manifest: ModelManifest, id: string): ManifestEntry {
  const entry: unknown = manifest.models[id];
  if (entry === undefined) throw new AttuneError('model-missing', `model "${id}" is not in the manifest`);
  const ok =
    isRecord(entry) &&
    typeof entry.file === 'string' &&
    typeof entry.sha256 === 'string' &&
    isRecord(entry.input) &&
    typeof entry.input.name === 'string' &&
    isRecord(entry.output) &&
    (typeof entry.output.name === 'string' || Array.isArray(entry.output.name)) &&
    (entry.output.labels === undefined || isStringArray(entry.output.labels));
  if (!ok)
    throw new AttuneError('model-corrupt', `manifest entry "${id}" lacks file, sha256, input.name or output.name`);
  return entry as unknown as ManifestEntry;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
