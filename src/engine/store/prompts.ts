import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import {
  isPromptAction,
  PROMPT_REASONS,
  type BreakPrompt,
  type PromptAction,
  type PromptEvidence,
} from '../../shared/prompts';
import { guard } from './errors';

interface PromptRow {
  id: number;
  t: number;
  reason: string;
  evidence: string;
  action: string | null;
  answered_at: number | null;
  recovered: number | null;
}

const SELECT = 'SELECT id, t, reason, evidence, action, answered_at, recovered FROM prompts';

function toPrompt(row: PromptRow): BreakPrompt {
  // The table's CHECK constraints guarantee reason and action; the fallbacks only satisfy the types.
  const reason = PROMPT_REASONS.find((r) => r === row.reason) ?? 'sad';
  return {
    id: row.id,
    t: row.t,
    reason,
    evidence: JSON.parse(row.evidence) as PromptEvidence,
    action: isPromptAction(row.action) ? row.action : null,
    answeredAt: row.answered_at,
    recovered: row.recovered === null ? null : row.recovered === 1,
  };
}

const integerMs = (what: string, t: number): void => {
  if (!Number.isSafeInteger(t)) throw new AttuneError('bad-input', `${what} must be integer ms, got ${t}`);
};

/** Break prompts shown, what the person chose, and whether the mood recovered after a break. */
export class PromptStore {
  private readonly insert: Statement<[number, string, string, string | null, number | null, number | null]>;
  private readonly updateAnswer: Statement<[string, number, number]>;
  private readonly updateRecovered: Statement<[number, number]>;
  private readonly selectOne: Statement<[number], PromptRow>;
  private readonly selectRange: Statement<[number, number], PromptRow>;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO prompts (t, reason, evidence, action, answered_at, recovered) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateAnswer = db.prepare('UPDATE prompts SET action = ?, answered_at = ? WHERE id = ?');
    this.updateRecovered = db.prepare('UPDATE prompts SET recovered = ? WHERE id = ?');
    this.selectOne = db.prepare(`${SELECT} WHERE id = ?`);
    this.selectRange = db.prepare(`${SELECT} WHERE t >= ? AND t < ? ORDER BY t, id`);
  }

  /**
   * Records a prompt that was shown. Returns it with its id.
   * @throws AttuneError `bad-input` for a malformed prompt (unknown reason or action, non-integer times).
   */
  add(prompt: Omit<BreakPrompt, 'id'>): BreakPrompt {
    integerMs('prompt time', prompt.t);
    if (!PROMPT_REASONS.includes(prompt.reason)) {
      throw new AttuneError('bad-input', `unknown prompt reason ${String(prompt.reason)}`);
    }
    if (prompt.action !== null && !isPromptAction(prompt.action)) {
      throw new AttuneError('bad-input', `unknown prompt action ${String(prompt.action)}`);
    }
    if ((prompt.action === null) !== (prompt.answeredAt === null)) {
      throw new AttuneError('bad-input', 'a prompt has both an action and its time, or neither');
    }
    if (prompt.answeredAt !== null) integerMs('answer time', prompt.answeredAt);
    const { t, reason, action, answeredAt, recovered } = prompt;
    const evidence = JSON.stringify(prompt.evidence);
    const id = guard('save the prompt', () =>
      Number(
        this.insert.run(t, reason, evidence, action, answeredAt, recovered === null ? null : Number(recovered))
          .lastInsertRowid,
      ),
    );
    return { ...prompt, id };
  }

  /**
   * Records the person's choice at `t` (unix ms); a second answer replaces the first. Returns the prompt.
   * @throws AttuneError `bad-input` for an unknown action or prompt id.
   */
  answer(id: number, action: PromptAction, t: number): BreakPrompt {
    if (!isPromptAction(action)) throw new AttuneError('bad-input', `unknown prompt action ${String(action)}`);
    integerMs('answer time', t);
    guard('save the answer', () => this.updateAnswer.run(action, t, id));
    return this.existing(id);
  }

  /** Records whether the mood recovered after the break. Returns the prompt. @throws `bad-input` for an unknown id. */
  setRecovered(id: number, recovered: boolean): BreakPrompt {
    guard('save the break outcome', () => this.updateRecovered.run(Number(recovered), id));
    return this.existing(id);
  }

  private existing(id: number): BreakPrompt {
    const prompt = this.get(id);
    if (prompt === null) throw new AttuneError('bad-input', `no prompt with id ${id}`);
    return prompt;
  }

  get(id: number): BreakPrompt | null {
    const row = guard('read prompts', () => this.selectOne.get(id));
    return row === undefined ? null : toPrompt(row);
  }

  /** Prompts shown at `from <= t < to` (unix ms), oldest first. */
  range(from: number, to: number): BreakPrompt[] {
    return guard('read prompts', () => this.selectRange.all(from, to)).map(toPrompt);
  }

  /** Prompts shown at or after `since` (unix ms), oldest first: for cooldowns and the daily cap. */
  recent(since: number): BreakPrompt[] {
    return this.range(since, Number.MAX_SAFE_INTEGER);
  }
}
