/**
 * `npm run models:convert`: writes resources/models/{blazeface-front-128,expression-human,expression-faceapi}.onnx,
 * manifest.json and MODELS.md. Deterministic: running it twice gives identical files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { manifestJson, modelsMarkdown } from './manifest';
import type { BuiltModel } from './manifest';
import { blazefaceInfo, faceapiInfo, humanInfo, produceBlazeface, produceFaceapi, produceHuman } from './models';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'resources/models');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const previous = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** Formats like `npm run format` would, so `prettier --check` passes on the generated files. */
async function pretty(path: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const jobs = [
    { info: blazefaceInfo(), produce: () => produceBlazeface(sha256) },
    { info: humanInfo(ROOT), produce: () => produceHuman(ROOT) },
    { info: faceapiInfo(ROOT), produce: () => produceFaceapi(ROOT) },
  ];
  const built: BuiltModel[] = [];
  for (const { info, produce } of jobs) {
    const bytes = produce();
    writeFileSync(join(OUT, info.file), bytes);
    built.push({ info, sha256: sha256(bytes), bytes: bytes.length });
    console.log(`${info.file}  ${bytes.length} bytes  sha256 ${sha256(bytes)}`);
  }
  const manifestPath = join(OUT, 'manifest.json');
  writeFileSync(manifestPath, await pretty(manifestPath, manifestJson(built, previous(manifestPath))));
  const mdPath = join(OUT, 'MODELS.md');
  writeFileSync(mdPath, await pretty(mdPath, modelsMarkdown(built, previous(mdPath))));
  console.log(`wrote ${manifestPath} and ${mdPath}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
