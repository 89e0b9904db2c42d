import type { Migration } from './migration';

/**
 * The first schema. Only numbers are stored: no image, audio or text columns, by design.
 * The probability columns follow EMOTIONS' order as it was at this version; they are spelled out rather than
 * generated so that a later edit to the label list cannot silently rewrite history.
 */
export const init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        t INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('face', 'voice', 'text', 'fused')),
        label TEXT NOT NULL CHECK (
          label IN ('neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised', 'unknown')
        ),
        p_neutral REAL NOT NULL,
        p_happy REAL NOT NULL,
        p_sad REAL NOT NULL,
        p_angry REAL NOT NULL,
        p_fearful REAL NOT NULL,
        p_disgusted REAL NOT NULL,
        p_surprised REAL NOT NULL,
        valence REAL NOT NULL,
        arousal REAL NOT NULL,
        confidence REAL NOT NULL
      ) STRICT;
      CREATE INDEX samples_t ON samples (t);
      CREATE INDEX samples_source_t ON samples (source, t);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
