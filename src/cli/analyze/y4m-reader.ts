/**
 * Streaming YUV4MPEG2 (.y4m) reader: the uncompressed format Chromium's fake camera plays and ffmpeg writes
 * with `-f yuv4mpegpipe`. Frames are read one at a time from a chunked source, and only the frames the caller
 * keeps are copied; pixels become RGBA only when asked, so a long clip costs one frame of memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { AttuneError } from '../../shared/envelope';
import { ByteQueue } from './byte-queue';
import { inputFileError } from './file-errors';
import { type ChromaLayout, type YuvFrame, frameBytes, yuvToRgba } from './yuv';

/** Largest side accepted, px: the engine refuses bigger frames anyway (vision/image.ts MAX_IMAGE_SIDE). */
export const MAX_Y4M_SIDE = 4096;

/** Longest stream or frame header line accepted, bytes; real ones are well under 100. */
const MAX_HEADER_LINE = 4096;

const MAGIC = 'YUV4MPEG2';

export interface Y4mHeader {
  width: number;
  height: number;
  /** Frame rate as the exact ratio the file states (e.g. 30000/1001). */
  fpsNum: number;
  fpsDen: number;
  /** The `C` tag as written (default 420jpeg). */
  colourspace: string;
  layout: ChromaLayout;
  /** Bytes of pixel data per frame. */
  frameBytes: number;
}

export interface Y4mFrame {
  /** 0-based position in the file. */
  index: number;
  /** Media time of the frame, ms: index / fps. */
  t: number;
  /** Parameters after `FRAME`, as written (rare; most writers give none). */
  params: string[];
  /** The frame's pixels as stored (a copy owned by this frame). */
  yuv: YuvFrame;
  /** Converts this frame to RGBA (BT.601 limited range); done on demand because it is the costly step. */
  rgba(): { width: number; height: number; data: Uint8Array };
}

export interface Y4mSummary {
  header: Y4mHeader;
  /** Frames in the stream, kept or not. */
  frames: number;
  /** Length of the stream, ms: frames / fps. */
  durationMs: number;
}

export interface ReadY4mOptions {
  /** Which frames to yield; the others are skipped without copying. Default: all. */
  keep?: (index: number, t: number) => boolean;
}

const bad = (message: string): AttuneError => new AttuneError('bad-input', message);

/** Parses the stream header line (without its newline). */
export function parseY4mHeader(line: string): Y4mHeader {
  const [magic, ...tags] = line.split(' ').filter((s) => s !== '');
  if (magic !== MAGIC) throw bad('not a y4m file (it does not start with YUV4MPEG2)');
  let width = NaN;
  let height = NaN;
  let fpsNum = NaN;
  let fpsDen = NaN;
  let colourspace = '420jpeg';
  for (const tag of tags) {
    const value = tag.slice(1);
    switch (tag[0]) {
      case 'W':
        width = wholeNumber(value, 'width');
        break;
      case 'H':
        height = wholeNumber(value, 'height');
        break;
      case 'F': {
        const [num = '', den = ''] = value.split(':');
        fpsNum = wholeNumber(num, 'frame rate numerator');
        fpsDen = wholeNumber(den, 'frame rate denominator');
        break;
      }
      case 'C':
        colourspace = value;
        break;
      default: // I (interlacing), A (aspect), X (extensions): nothing we use
    }
  }
  if (Number.isNaN(width) || Number.isNaN(height)) throw bad('y4m header lacks the W or H tag');
  if (width === 0 || height === 0 || width > MAX_Y4M_SIDE || height > MAX_Y4M_SIDE) {
    throw bad(`y4m frame size ${width}×${height} is not between 1 and ${MAX_Y4M_SIDE} px per side`);
  }
  if (Number.isNaN(fpsNum)) throw bad('y4m header lacks the F (frame rate) tag');
  if (fpsNum === 0 || fpsDen === 0) throw bad(`y4m frame rate ${fpsNum}:${fpsDen} is not positive`);
  const layout = layoutOf(colourspace);
  return { width, height, fpsNum, fpsDen, colourspace, layout, frameBytes: frameBytes(layout, width, height) };
}

function wholeNumber(text: string, what: string): number {
  if (!/^\d{1,9}$/.test(text)) throw bad(`y4m ${what} "${text}" is not a whole number`);
  return Number(text);
}

function layoutOf(colourspace: string): ChromaLayout {
  if (['420jpeg', '420paldv', '420mpeg2', '420'].includes(colourspace)) return '420';
  if (colourspace === '444') return '444';
  if (colourspace === 'mono') return 'mono';
  throw bad(`y4m colourspace C${colourspace} is not supported (420jpeg, 420paldv, 420mpeg2, 420, 444, mono are)`);
}

/** Reads y4m frames from a chunked byte source; returns a summary once the stream ends. */
export async function* readY4m(
  source: AsyncIterable<Uint8Array>,
  options: ReadY4mOptions = {},
): AsyncGenerator<Y4mFrame, Y4mSummary> {
  const queue = new ByteQueue(source);
  try {
    const first = await queue.line(MAX_HEADER_LINE);
    if (first === null) throw bad('not a y4m file (it is empty)');
    if (typeof first !== 'string') {
      throw bad(first.overflow.startsWith(MAGIC) ? 'y4m header line is not terminated' : 'not a y4m file');
    }
    const header = parseY4mHeader(first);
    const msPerFrame = (1000 * header.fpsDen) / header.fpsNum;
    let index = 0;
    for (; ; index++) {
      const line = await queue.line(MAX_HEADER_LINE);
      if (line === null) break;
      if (typeof line !== 'string' || !(line === 'FRAME' || line.startsWith('FRAME '))) {
        throw bad(`y4m frame ${index} does not start with a FRAME header`);
      }
      const t = index * msPerFrame;
      const wanted = options.keep?.(index, t) ?? true;
      const got = wanted ? await queue.read(header.frameBytes) : null;
      const length = got ? got.length : await queue.skip(header.frameBytes);
      if (length < header.frameBytes) {
        throw bad(`y4m frame ${index} is truncated: ${length} of ${header.frameBytes} bytes`);
      }
      if (got) {
        const yuv: YuvFrame = { width: header.width, height: header.height, layout: header.layout, planes: got };
        const params = line
          .split(' ')
          .slice(1)
          .filter((p) => p !== '');
        yield { index, t, params, yuv, rgba: () => ({ width: yuv.width, height: yuv.height, data: yuvToRgba(yuv) }) };
      }
    }
    return { header, frames: index, durationMs: index * msPerFrame };
  } finally {
    await queue.close();
  }
}

/** Reads a .y4m file in 1 MiB chunks. */
export async function* readY4mFile(path: string, options: ReadY4mOptions = {}): AsyncGenerator<Y4mFrame, Y4mSummary> {
  try {
    return yield* readY4m(createReadStream(path, { highWaterMark: 1 << 20 }), options);
  } catch (err) {
    throw inputFileError(path, err);
  }
}

/**
 * The length of a .y4m file in ms, from its header and size, assuming plain `FRAME` lines (what every writer
 * we know emits); null when the header cannot be read. Only for progress: the reader's summary is exact.
 */
export async function y4mLengthMs(path: string): Promise<number | null> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(MAX_HEADER_LINE);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      const end = head.subarray(0, bytesRead).indexOf(0x0a);
      if (end < 0) return null;
      const header = parseY4mHeader(head.toString('latin1', 0, end));
      const { size } = await file.stat();
      const frames = Math.floor((size - end - 1) / (header.frameBytes + 'FRAME\n'.length));
      return (frames * 1000 * header.fpsDen) / header.fpsNum;
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}
