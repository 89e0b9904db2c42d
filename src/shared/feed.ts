/**
 * The local mood feed: what other apps on this computer may read of the person's mood, and the clients the
 * person has allowed. Off by default; each client has its own token (shown once, stored hashed) and scopes.
 * The contract is written out in docs/mood-feed.md.
 */
import type { MoodLabel } from './labels';
import type { Modality } from './mood';

export const FEED_PATH = '/v1/mood';
export const FEED_STREAM_PATH = '/v1/mood/stream';
export const FEED_HISTORY_PATH = '/v1/mood/history';

/** now: GET /v1/mood; stream: GET /v1/mood/stream; history: GET /v1/mood/history. */
export const FEED_SCOPES = ['now', 'stream', 'history'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/** Longest client name, in characters. */
export const MAX_FEED_CLIENT_NAME = 64;
/** Most clients one install keeps (a bug guard more than a policy). */
export const MAX_FEED_CLIENTS = 32;

export interface FeedModality {
  /** 0–1; the shares of all modalities sum to 1, or all are 0. */
  share: number;
  /** Unix ms of the modality's latest evidence, null when none. */
  lastAt: number | null;
}

/** The smoothed, fused mood as the feed serves it: no raw per-modality scores, no probabilities. */
export interface FeedMood {
  /** Unix ms of the estimate. */
  t: number;
  label: MoodLabel;
  /** 0–1. */
  confidence: number;
  /** -1…1. */
  valence: number;
  /** -1…1. */
  arousal: number;
  /** Each modality's share of the evidence and its latest evidence; never its own probabilities. */
  modalities: Record<Modality, FeedModality>;
  /** True when the person's own calibration shaped the estimate. */
  personal: boolean;
}

/** A feed client as the settings card lists it. */
export interface FeedClientInfo {
  id: number;
  name: string;
  scopes: FeedScope[];
  /** Unix ms. */
  createdAt: number;
  /** Unix ms of its last successful read, or null before any. */
  lastReadAt: number | null;
  /** Reading now: a stream open, or a read in the last {@link READER_WINDOW_MS}. */
  connected: boolean;
}

/** A client counts as reading for this long after a read, ms (30 s: a polling app stays "connected"). */
export const READER_WINDOW_MS = 30_000;

export interface MoodFeedInfo {
  enabled: boolean;
  /** Base address, e.g. http://127.0.0.1:PORT/v1/mood; null where this app serves no feed. */
  url: string | null;
  clients: FeedClientInfo[];
  /** Clients reading now. */
  readers: number;
}

export interface FeedClientRequest {
  name: string;
  scopes: FeedScope[];
}

/** The new client and its token: the only time the token is shown. */
export interface CreatedFeedClient {
  client: FeedClientInfo;
  token: string;
}

/** Pushed to the pages when the number of clients reading changes. */
export interface FeedReaders {
  readers: number;
}

export function isFeedScope(value: unknown): value is FeedScope {
  return typeof value === 'string' && (FEED_SCOPES as readonly string[]).includes(value);
}

/** Why a create request is refused, or null when it is fine. */
export function feedClientRequestProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'expected { name, scopes }';
  const r = value as Record<string, unknown>;
  if (Object.keys(r).some((k) => k !== 'name' && k !== 'scopes')) return 'unknown field';
  if (typeof r.name !== 'string' || r.name.trim() === '') return 'name the app';
  if (r.name.length > MAX_FEED_CLIENT_NAME) return `names are at most ${MAX_FEED_CLIENT_NAME} characters`;
  if (!Array.isArray(r.scopes) || r.scopes.length === 0) return 'choose what it may read';
  if (!r.scopes.every(isFeedScope) || new Set(r.scopes).size !== r.scopes.length) return 'unknown or repeated scope';
  return null;
}

/** Engine-side record: the stored client without its token hash. */
export interface FeedClientRecord {
  id: number;
  name: string;
  scopes: FeedScope[];
  createdAt: number;
  lastReadAt: number | null;
}

/** What the serving side caches to check tokens: sha256 of each token, hex. */
export interface FeedAuth {
  enabled: boolean;
  clients: (FeedClientRecord & { tokenHash: string })[];
}

export type FeedResolution = 'minute' | 'quarter';

/** One point of GET /v1/mood/history: a rolled-up minute or quarter-hour of the fused mood. */
export interface FeedHistoryPoint {
  /** Unix ms of the period's start. */
  t: number;
  /** Seconds of fused mood in the period. */
  n: number;
  /** The most frequent label in the period. */
  label: MoodLabel;
  valence: number;
  arousal: number;
  confidence: number;
}

/** The feed's switch and clients as the engine keeps them. */
export interface FeedState {
  enabled: boolean;
  clients: FeedClientRecord[];
}

/** Longest history one request may ask for, ms: a day of minutes, 92 days of quarter-hours. */
export const MAX_FEED_HISTORY_MS: Record<FeedResolution, number> = {
  minute: 86_400_000,
  quarter: 92 * 86_400_000,
};
