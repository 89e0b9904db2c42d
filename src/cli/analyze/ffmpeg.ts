/**
 * Video formats other than .y4m, decoded by the system's ffmpeg into a y4m stream on its stdout and read
 * by the y4m reader. ffmpeg resamples to the analysis rate itself (its fps filter), so only the frames the engine
 * needs cross the pipe.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, extname, join } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { type Y4mFrame, type Y4mSummary, readY4m } from './y4m-reader';

/** Where `ffmpeg` is on the PATH, or null. */
export function findFfmpeg(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * Raw MJPEG streams carry no timing; Chromium's fake camera plays them at 30 fps, so the live app saw them
 * at that rate (ffmpeg would assume 25).
 */
const RAW_MJPEG_FPS = 30;

/** The ffmpeg arguments that decode `file` to y4m at `fps` frames per second on stdout. */
export function ffmpegArgs(file: string, fps: number): string[] {
  const ext = extname(file).toLowerCase();
  const input = ext === '.mjpeg' || ext === '.mjpg' ? ['-framerate', String(RAW_MJPEG_FPS)] : [];
  return [
    ...['-nostdin', '-loglevel', 'error', ...input, '-i', file, '-an', '-sn'],
    // The fps filter rather than `-r`: on the 4.67 s, 30 fps test clip `-r 2` pads the end to 11 frames
    // (5.5 s). round=up makes the filter keep frames 0, 15, 30, … as sampleEvery does on a .y4m, so both
    // paths show the engine the same frames; a pass then lasts whole 1/fps steps (10 frames, 5 s, there).
    ...['-vf', `fps=${fps}:round=up`, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', 'pipe:1'],
  ];
}

/** Decodes `file` through ffmpeg at `fps`; frames and summary as {@link readY4m} gives them. */
export async function* readWithFfmpeg(file: string, fps: number): AsyncGenerator<Y4mFrame, Y4mSummary> {
  const ffmpeg = findFfmpeg();
  if (ffmpeg === null) {
    throw new AttuneError(
      'bad-input',
      `reading ${extname(file) || 'this video'} needs ffmpeg on the PATH; .y4m is read natively`,
    );
  }
  const child = spawn(ffmpeg, ffmpegArgs(file, fps), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 4000) stderr += s;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  let settled = false;
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    return exited.catch(() => null);
  };
  try {
    const summary = yield* readY4m(child.stdout);
    const code = await exited;
    settled = true;
    if (code !== 0) throw new AttuneError('bad-input', `ffmpeg failed on ${file} (exit ${code}): ${stderr.trim()}`);
    return summary;
  } catch (err) {
    if (settled) throw err;
    settled = true;
    // A decoder failure shows up first as a short or empty stream; ffmpeg's own words explain it better.
    const code = await stop();
    if (code !== 0 && stderr.trim() !== '') {
      throw new AttuneError('bad-input', `ffmpeg could not read ${file}: ${stderr.trim()}`, { cause: err });
    }
    throw err;
  } finally {
    // Reached unsettled only when the consumer stopped early: ffmpeg must not keep decoding for nobody.
    if (!settled) await stop();
  }
}
