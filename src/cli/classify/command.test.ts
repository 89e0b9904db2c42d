import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import { runClassifyCommand, type MessageClassifier } from './command';

/** Reads "sad" into any text with "sad" in it, "happy" otherwise. */
const fake: MessageClassifier = {
  classify: (text) => {
    const sad = text.includes('sad');
    const probs = Object.fromEntries(EMOTIONS.map((e) => [e, e === (sad ? 'sad' : 'happy') ? 1 : 0]));
    return {
      probs: probs as ReturnType<MessageClassifier['classify']>['probs'],
      label: sad ? 'sad' : 'happy',
      valence: sad ? -0.7 : 0.8,
      arousal: 0,
      confidence: 1,
    };
  },
};

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runClassifyCommand(
    argv,
    { stdout: (s) => out.push(s), stderr: (s) => err.push(s), now: () => 0 },
    () => fake,
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function messages(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'attune-classify-')), 'chat.jsonl');
  writeFileSync(path, '{"body":"a fine day"}\n{"body":"so sad"}\nbroken\n');
  return path;
}

describe('attune classify', () => {
  it('prints the summary and reports bad rows on stderr without failing', async () => {
    const file = messages();
    const { code, stdout, stderr } = await run([file, '--column', 'body']);
    expect(code).toBe(0);
    expect(stdout).toContain('2 messages classified in 0.00 s, 1 skipped');
    expect(stdout).toMatch(/happy +50\.0%/);
    expect(stdout).toMatch(/most negative:\n {2}line 2 +-0\.70 +sad +so sad/);
    expect(stderr).toContain(`${file}:3: skipped, not valid JSON`);
  });

  it('writes one CSV line per message with --csv, the summary going to stderr', async () => {
    const { code, stdout, stderr } = await run([messages(), '--column', 'body', '--csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^line,label,confidence,valence,arousal,p_neutral,.*,text$/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,happy', '2,sad']);
    expect(stderr).toContain('2 messages classified');
  });

  it('writes the summary, rows and skipped rows as one JSON object with --json', async () => {
    const { stdout } = await run([messages(), '--column', 'body', '--json']);
    const report = JSON.parse(stdout) as { summary: { rows: number }; rows: { label: string }[]; skipped: unknown[] };
    expect(report.summary.rows).toBe(2);
    expect(report.rows.map((r) => r.label)).toEqual(['happy', 'sad']);
    expect(report.skipped).toEqual([{ line: 3, reason: 'not valid JSON' }]);
  });

  it('answers 2 for bad usage and 1 for a file it cannot use', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['a.csv', '--json', '--csv'])).code).toBe(2);
    expect((await run(['a.csv', '--bogus'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
    const missing = await run([join(tmpdir(), 'attune-no-such-file.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/bad-input: cannot read/);
  });
});
