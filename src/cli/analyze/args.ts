/** `analyze`'s command line: parsed into {@link AnalyzeOptions}, every mistake an AttuneError('bad-input'). */
import { parseArgs } from 'node:util';
import { AttuneError } from '../../shared/envelope';
import { parseDuration } from './duration';
import { DEFAULT_ANALYZE_FPS } from './frame-sampler';
import type { AnalyzeOptions } from './runner';

export const ANALYZE_USAGE = `usage: attune analyze --video <file> [--audio <file.wav>] [--text <file.jsonl>]
                      [--loop-for <duration>] [--fps <n>] [--prompts] [--json]
  --video     .y4m is read natively; other formats (.mp4, .mjpeg, …) need ffmpeg on the PATH
  --audio     WAV, any rate and channel count (resampled to 16 kHz mono)
  --text      JSON lines of {"t": media seconds, "text": "..."}
  --loop-for  media time to cover, looping every input (e.g. 20m, 90s, 1h30m); default: the video once
  --fps       frames per second of media time sent to the engine (default ${DEFAULT_ANALYZE_FPS}, the live app's rate)
  --prompts   turn break prompts on (off by default, as in the app) and report them
  --json      print one JSON object {timeline, prompts, summary} on stdout; times in it are media seconds`;

export type ParsedAnalyzeArgs = { help: true } | { help: false; json: boolean; options: AnalyzeOptions };

/** Highest --fps accepted: more than any camera delivers, and more would only slow the run. */
const MAX_FPS = 60;

export function parseAnalyzeArgs(argv: readonly string[]): ParsedAnalyzeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        video: { type: 'string' },
        audio: { type: 'string' },
        text: { type: 'string' },
        'loop-for': { type: 'string' },
        fps: { type: 'string' },
        prompts: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new AttuneError('bad-input', err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };
  if (values.video === undefined || values.video === '')
    throw new AttuneError('bad-input', '--video <file> is required');
  let loopForMs: number | undefined;
  if (values['loop-for'] !== undefined) {
    loopForMs = parseDuration(values['loop-for']);
    if (loopForMs <= 0) throw new AttuneError('bad-input', '--loop-for must be longer than 0');
  }
  let fps = DEFAULT_ANALYZE_FPS;
  if (values.fps !== undefined) {
    fps = Number(values.fps);
    if (values.fps.trim() === '' || !Number.isFinite(fps) || fps <= 0 || fps > MAX_FPS) {
      throw new AttuneError('bad-input', `--fps must be a number above 0 and at most ${MAX_FPS}, got ${values.fps}`);
    }
  }
  return {
    help: false,
    json: values.json,
    options: {
      video: values.video,
      audio: values.audio,
      text: values.text,
      loopForMs,
      fps,
      prompts: values.prompts,
    },
  };
}
