import type { Migration } from './migration';

/**
 * History for the dashboard: per-minute rollups of the fused mood (kept after raw samples are pruned) and their
 * quarter-hour sums for long trends, break prompts with their outcome, and small events (pauses, corrections,
 * calibrations, breaks). Fused samples gain each modality's share of the evidence. Label and action lists are spelled out, like 0001's columns, so a later
 * edit to the code's lists cannot silently change what old rows mean.
 */
export const history: Migration = {
  version: 3,
  name: 'history',
  up(db) {
    db.exec(`
      ALTER TABLE samples ADD COLUMN share_face REAL CHECK (share_face IS NULL OR share_face BETWEEN 0 AND 1);
      ALTER TABLE samples ADD COLUMN share_voice REAL CHECK (share_voice IS NULL OR share_voice BETWEEN 0 AND 1);
      ALTER TABLE samples ADD COLUMN share_text REAL CHECK (share_text IS NULL OR share_text BETWEEN 0 AND 1);

      -- minute is the rowid: every range query is a rowid range, no extra index needed.
      CREATE TABLE rollups (
        minute INTEGER PRIMARY KEY CHECK (minute % 60000 = 0),
        n INTEGER NOT NULL CHECK (n > 0),
        n_neutral INTEGER NOT NULL,
        n_happy INTEGER NOT NULL,
        n_sad INTEGER NOT NULL,
        n_angry INTEGER NOT NULL,
        n_fearful INTEGER NOT NULL,
        n_disgusted INTEGER NOT NULL,
        n_surprised INTEGER NOT NULL,
        n_unknown INTEGER NOT NULL,
        valence REAL NOT NULL,
        arousal REAL NOT NULL,
        confidence REAL NOT NULL
      ) STRICT;

      -- The same sums per quarter-hour, derived from rollups, so a year of trends reads ~12 000 rows, not
      -- ~175 000. Quarter-hours because every UTC offset in use is a multiple of 15 minutes.
      CREATE TABLE rollup_quarters (
        quarter INTEGER PRIMARY KEY CHECK (quarter % 900000 = 0),
        n INTEGER NOT NULL CHECK (n > 0),
        n_neutral INTEGER NOT NULL,
        n_happy INTEGER NOT NULL,
        n_sad INTEGER NOT NULL,
        n_angry INTEGER NOT NULL,
        n_fearful INTEGER NOT NULL,
        n_disgusted INTEGER NOT NULL,
        n_surprised INTEGER NOT NULL,
        n_unknown INTEGER NOT NULL,
        valence REAL NOT NULL,
        arousal REAL NOT NULL,
        confidence REAL NOT NULL
      ) STRICT;

      CREATE TABLE prompts (
        id INTEGER PRIMARY KEY,
        t INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('sad', 'angry')),
        evidence TEXT NOT NULL CHECK (json_valid(evidence) AND json_type(evidence) = 'object'),
        action TEXT CHECK (
          action IS NULL OR action IN ('breathe', 'stretch', 'snooze-15', 'snooze-60', 'not-now', 'wrong')
        ),
        answered_at INTEGER,
        recovered INTEGER CHECK (recovered IS NULL OR recovered IN (0, 1)),
        CHECK ((action IS NULL) = (answered_at IS NULL))
      ) STRICT;
      CREATE INDEX prompts_t ON prompts (t);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume', 'correction', 'calibration', 'break')),
        data TEXT NOT NULL CHECK (json_valid(data) AND json_type(data) = 'object' AND length(data) <= 2000)
      ) STRICT;
      CREATE INDEX events_t ON events (t);
    `);
  },
};
