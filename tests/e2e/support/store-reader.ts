/** Read-only look into the host's SQLite file, for what the e2e tests check after the page has acted. */
import Database from 'better-sqlite3';

export class StoreReader {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  countSamples(source: 'face' | 'voice' | 'text' | 'fused'): number {
    return (this.db.prepare('SELECT count(*) AS n FROM samples WHERE source = ?').get(source) as { n: number }).n;
  }

  /** True when no column of `samples` could hold pixels or audio (only INTEGER, REAL and TEXT). */
  samplesHoldOnlyNumbersAndText(): boolean {
    const columns = this.db.prepare("SELECT type FROM pragma_table_info('samples')").all() as { type: string }[];
    return columns.every((c) => ['INTEGER', 'REAL', 'TEXT'].includes(c.type));
  }

  /** Prompts in the order they were shown: reason, answer and outcome. */
  prompts(): { id: number; reason: string; action: string | null; recovered: number | null }[] {
    return this.db.prepare('SELECT id, reason, action, recovered FROM prompts ORDER BY id').all() as {
      id: number;
      reason: string;
      action: string | null;
      recovered: number | null;
    }[];
  }

  /** History events of one kind, oldest first, with their details. */
  events(kind: string): Record<string, unknown>[] {
    const rows = this.db.prepare('SELECT data FROM events WHERE kind = ? ORDER BY t, id').all(kind) as {
      data: string;
    }[];
    return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
  }

  /** The personal model's examples: where each came from, its label and modality (numbers only besides). */
  personalExamples(): { source: string; modality: string; label: string }[] {
    return this.db.prepare('SELECT source, modality, label FROM personal_examples ORDER BY id').all() as {
      source: string;
      modality: string;
      label: string;
    }[];
  }

  /** Modalities with a fitted personal model. */
  personalModels(): string[] {
    return (
      this.db.prepare('SELECT modality FROM personal_models ORDER BY modality').all() as { modality: string }[]
    ).map((r) => r.modality);
  }

  /** True when no column of these tables could hold pixels or audio (only INTEGER, REAL and TEXT). */
  holdsOnlyNumbersAndText(tables: readonly string[]): boolean {
    return tables.every((table) => {
      const columns = this.db.prepare('SELECT type FROM pragma_table_info(?)').all(table) as { type: string }[];
      return columns.length > 0 && columns.every((c) => ['INTEGER', 'REAL', 'TEXT'].includes(c.type));
    });
  }

  close(): void {
    this.db.close();
  }
}
