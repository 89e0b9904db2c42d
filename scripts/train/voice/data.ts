/**
 * RAVDESS as the voice trainer sees it: one row per clip with its canonical label (calm → neutral,
 * disgust → disgusted), actor and features. Features are cached under the OS temp folder (never the repo),
 * keyed by a hash of the feature code, so changing a definition re-extracts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalLabel, type Emotion } from '../../../src/shared/labels';
import { prepareAudio } from '../../../src/engine/voice/audio-input';
import { FEATURE_VERSION, extractFeatures } from '../../../src/engine/voice/features';
import { FrameAnalyser } from '../../../src/engine/voice/frames';
import { decodeWav } from '../../../src/engine/voice/wav';

export interface Clip {
  path: string;
  /** RAVDESS's own label (calm, disgust, …). */
  original: string;
  label: Emotion;
  actor: number;
  /** 1 normal, 2 strong. */
  intensity: number;
  features: Float64Array;
  /** Seconds of active speech found in the clip (0: the clip is digital silence). */
  activeS: number;
}

interface Cached {
  values: number[];
  activeS: number;
}

const FEATURE_SOURCES = ['features', 'frames', 'pitch', 'rhythm', 'stats', 'mel', 'fft', 'resample', 'audio-input'];

function featureCodeHash(root: string): string {
  const h = createHash('sha256');
  for (const name of FEATURE_SOURCES) h.update(readFileSync(join(root, 'src/engine/voice', `${name}.ts`)));
  return h.digest('hex').slice(0, 12);
}

/** Reads `<dataDir>/labels.csv` and every clip's features (extracting those not cached). */
export function loadClips(dataDir: string, root: string, log: (line: string) => void): Clip[] {
  const rows = readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const cacheDir = join(tmpdir(), 'attune-voice-cache');
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = join(cacheDir, `ravdess-v${FEATURE_VERSION}-${featureCodeHash(root)}-c2.json`);
  const cache: Record<string, Cached> = existsSync(cacheFile)
    ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Cached>)
    : {};
  const analyser = new FrameAnalyser();
  const clips: Clip[] = [];
  let extracted = 0;
  let audioS = 0;
  let cpuMs = 0;
  for (const row of rows) {
    const [path = '', original = '', actor = '', intensity = ''] = row.split(',');
    const label = canonicalLabel(original);
    if (label === undefined) continue;
    let cached = cache[path];
    if (cached === undefined) {
      const wav = decodeWav(new Uint8Array(readFileSync(join(dataDir, path))));
      const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
      const c0 = process.cpuUsage();
      const { values, quality } = extractFeatures(pcm, analyser);
      const c = process.cpuUsage(c0);
      cached = { values: Array.from(values), activeS: quality.activeS };
      cpuMs += (c.user + c.system) / 1000;
      audioS += pcm.length / 16_000;
      cache[path] = cached;
      if (++extracted % 200 === 0) log(`  extracted ${extracted} clips`);
    }
    clips.push({
      path,
      original,
      label,
      actor: Number(actor),
      intensity: Number(intensity),
      features: Float64Array.from(cached.values),
      activeS: cached.activeS,
    });
  }
  if (extracted > 0) {
    writeFileSync(cacheFile, JSON.stringify(cache));
    log(
      `extracted ${extracted} clips (${audioS.toFixed(0)} s of audio) in ${(cpuMs / 1000).toFixed(1)} s of CPU: ` +
        `${(cpuMs / audioS).toFixed(2)} CPU-ms per second of audio; cache ${cacheFile}`,
    );
  } else {
    log(`features from cache ${cacheFile}`);
  }
  return clips;
}
