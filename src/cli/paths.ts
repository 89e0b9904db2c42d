import { join } from 'node:path';

/** resources/models, resolved from this file so the CLI works from any working directory. */
export const MODELS_DIR = join(import.meta.dirname, '..', '..', 'resources', 'models');
export const FACE_API_SAMPLES = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@vladmandic',
  'face-api',
  'demo',
);
