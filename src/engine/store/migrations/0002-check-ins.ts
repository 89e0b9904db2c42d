import type { Migration } from './migration';

/**
 * Check-ins: the person's own rating of their mood (pleasantness and energy, each -1…1) beside the text
 * model's reading of their note, which is an ordinary 'text' row in `samples`. The self-rating is ground
 * truth for later calibration. The note itself is kept only when the person turned on `storeText`.
 */
export const checkIns: Migration = {
  version: 2,
  name: 'check-ins',
  up(db) {
    db.exec(`
      CREATE TABLE check_ins (
        id INTEGER PRIMARY KEY,
        t INTEGER NOT NULL,
        sample_id INTEGER NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        self_valence REAL CHECK (self_valence IS NULL OR self_valence BETWEEN -1 AND 1),
        self_arousal REAL CHECK (self_arousal IS NULL OR self_arousal BETWEEN -1 AND 1),
        note TEXT CHECK (note IS NULL OR length(CAST(note AS BLOB)) <= 10000),
        CHECK ((self_valence IS NULL) = (self_arousal IS NULL))
      ) STRICT;
      CREATE INDEX check_ins_t ON check_ins (t);
      CREATE INDEX check_ins_sample ON check_ins (sample_id);
    `);
  },
};
