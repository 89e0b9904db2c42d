/**
 * Text evidence and check-ins: the shapes that cross the renderer, host and engine boundaries, and their
 * checks. Pure; shared by the API guards, the host's ingest endpoint and the engine.
 */
import type { MoodSample } from './mood';

/** Longest text accepted, in UTF-8 bytes (10 kB). Longer texts are refused, never cut silently. */
export const MAX_TEXT_BYTES = 10_000;
/** Longest `source` name of a text (e.g. "chat", "journal"), in UTF-16 code units. */
export const MAX_SOURCE_LENGTH = 64;

/** How the person says they feel: the two axes of a mood meter, each in [-1, 1]. */
export interface SelfRating {
  /** -1 unpleasant … 1 pleasant. */
  pleasantness: number;
  /** -1 low energy … 1 high energy. */
  energy: number;
}

/** One text to read for mood. */
export interface TextInput {
  text: string;
  /** Where the text came from, e.g. "chat"; free-form, at most {@link MAX_SOURCE_LENGTH} characters. */
  source?: string;
  /** When the text was written, Unix ms (default: when it arrives). */
  at?: number;
}

export interface CheckInRequest {
  /** What the person wrote; may be empty when a self-rating is given. */
  note: string;
  selfRating?: SelfRating;
}

/** A stored check-in: the model's reading of the note beside the person's own rating (ground truth). */
export interface CheckIn {
  id: number;
  /** Unix ms. */
  t: number;
  /** The text model's estimate, stored as a 'text' sample. */
  sample: MoodSample;
  selfRating: SelfRating | null;
  /** The note itself, only when the person chose to keep texts (setting `storeText`, default off). */
  note: string | null;
}

/** Choices about texts. */
export interface TextSettings {
  /** Keep check-in notes on this device (default false: only the numbers are stored). */
  storeText: boolean;
}

/** The local text endpoint: where to POST, the bearer token, and whether it is switched on. */
export interface IngestInfo {
  /** e.g. http://127.0.0.1:PORT/v1/text; null where this app does not serve the endpoint. */
  url: string | null;
  token: string;
  enabled: boolean;
}

/** Number of bytes `text` takes in UTF-8, counting a lone surrogate as the 3 bytes of U+FFFD. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const inUnit = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= -1 && v <= 1;
/** Latest accepted time: year 2286, far beyond any real message, well inside JavaScript's safe integers. */
const MAX_TIME_MS = 10_000_000_000_000;

/** Why `value` is not a usable text, in words for an error message; null when it is fine. */
export function textProblem(value: unknown): string | null {
  if (typeof value !== 'string') return '"text" must be a string';
  if (utf8Length(value) > MAX_TEXT_BYTES) return `"text" is longer than ${MAX_TEXT_BYTES} bytes`;
  return null;
}

/** Why `value` is not a {@link TextInput}; null when it is one. Unknown fields are refused (typos show). */
export function textInputProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'each message must be a JSON object like {"text": "…"}';
  for (const key of Object.keys(value)) {
    if (key !== 'text' && key !== 'source' && key !== 'at') return `unknown field "${key}"`;
  }
  const text = textProblem(value.text);
  if (text) return text;
  const { source, at } = value;
  if (source !== undefined && (typeof source !== 'string' || source.length > MAX_SOURCE_LENGTH)) {
    return `"source" must be a string of at most ${MAX_SOURCE_LENGTH} characters`;
  }
  if (at !== undefined && !(Number.isSafeInteger(at) && (at as number) >= 0 && (at as number) <= MAX_TIME_MS)) {
    return '"at" must be a time in Unix milliseconds (a whole number)';
  }
  return null;
}

export function isSelfRating(value: unknown): value is SelfRating {
  return isRecord(value) && Object.keys(value).length === 2 && inUnit(value.pleasantness) && inUnit(value.energy);
}

/** Why `value` is not a {@link CheckInRequest}; null when it is one. */
export function checkInProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'a check-in must be an object';
  for (const key of Object.keys(value)) {
    if (key !== 'note' && key !== 'selfRating') return `unknown field "${key}"`;
  }
  const note = textProblem(value.note);
  if (note) return note.replace('"text"', '"note"');
  if (value.selfRating !== undefined && !isSelfRating(value.selfRating)) {
    return '"selfRating" must be {pleasantness, energy}, each from -1 to 1';
  }
  if (value.selfRating === undefined && (value.note as string).trim() === '') return 'write a note or pick a mood';
  return null;
}

/** Where the local text endpoint listens (POST), on the host's or the engine's loopback port. */
export const INGEST_PATH = '/v1/text';
