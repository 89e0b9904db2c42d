import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import { HistoryExporter, PERSONAL_CSV_HEADER } from '../store/export';
import { openDatabase } from '../store/open-database';
import { PersonalStore, type StoredExample } from '../store/personal';
import { SampleStore } from '../store/samples';
import { sample, tempDir } from '../store/test-helpers';
import { writeExportFile } from './export-file';

const WHOLE = { from: 0, to: Number.MAX_SAFE_INTEGER };

const taught = (t: number, label: StoredExample['label'], modality: StoredExample['modality']): StoredExample => ({
  t,
  modality,
  source: 'calibration',
  label,
  weight: 1,
  group: `${modality}-${label}`,
  probs: sample(0).probs,
});

describe('writeExportFile', () => {
  it('writes everything Attune keeps of the personal model into the file: before and after teaching it', async () => {
    const { dir, remove } = tempDir();
    try {
      const db = openDatabase(join(dir, 'attune.db'));
      new SampleStore(db).insert([sample(1000, 'face'), sample(2000, 'fused')]);
      const exporter = new HistoryExporter(db);
      const json = join(dir, 'export.json');
      const csv = join(dir, 'export.csv');
      const read = async () => {
        await writeExportFile(exporter, 'json', WHOLE, json, 5000);
        await writeExportFile(exporter, 'csv', WHOLE, csv, 5000);
        const doc = JSON.parse(readFileSync(json, 'utf8')) as {
          personal: { examples: StoredExample[]; models: unknown[] };
        };
        return { personal: doc.personal, tables: readFileSync(csv, 'utf8').split('\n\n') };
      };

      const before = await read();
      expect(before.personal).toEqual({ examples: [], models: [] });
      expect(before.tables).toHaveLength(1);

      const store = new PersonalStore(db);
      const examples = [taught(3000, 'neutral', 'face'), taught(4000, 'sad', 'face'), taught(4500, 'happy', 'voice')];
      store.add(examples);
      store.saveModel('face', 4000, { version: 1, strength: 4 });
      const after = await read();
      // Every stored example, numbers and codes only, and the fitted model.
      expect(after.personal.examples).toEqual(examples);
      expect(after.personal.models).toEqual([{ modality: 'face', fittedAt: 4000, model: { version: 1, strength: 4 } }]);
      expect(after.tables).toHaveLength(2);
      const rows = (after.tables[1] ?? '').trimEnd().split('\n');
      expect(rows[0]).toBe(PERSONAL_CSV_HEADER);
      expect(rows.slice(1).map((r) => r.split(',').slice(1, 5).join(' '))).toEqual([
        '3000 face calibration neutral',
        '4000 face calibration sad',
        '4500 voice calibration happy',
      ]);
      const p = sample(0).probs;
      expect(rows[2]?.endsWith(`,${EMOTIONS.map((e) => p[e]).join(',')}`)).toBe(true);
      db.close();
    } finally {
      remove();
    }
  });
});
