/**
 * The local text endpoint's body format, checked without side effects: a JSON object `{text, source?, at?}`
 * (or an array of them) as `application/json`, or one such object per line as `application/x-ndjson`.
 * Everything is checked before anything is stored, so a bad line refuses the whole request.
 */
import { textInputProblem, type TextInput } from '../../shared/text-input';

/** Largest request body, bytes (1 MB). */
export const MAX_BODY_BYTES = 1_000_000;
/** Most messages in one request: the rate limiter's burst, so one request can always be admitted. */
export const MAX_MESSAGES = 10_000;

export type IngestParse = { ok: true; messages: TextInput[] } | { ok: false; status: 400 | 413 | 415; error: string };

const JSON_TYPES = new Set(['application/json']);
const LINES_TYPES = new Set(['application/x-ndjson', 'application/jsonl', 'application/jsonlines']);

const refuse = (status: 400 | 413 | 415, error: string): IngestParse => ({ ok: false, status, error });

/** The media type and charset of a Content-Type header, lower-cased; null media type when absent. */
export function mediaType(header: string | undefined): { type: string | null; charset: string | null } {
  if (!header) return { type: null, charset: null };
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { type: type === '' ? null : type, charset: charset ?? null };
}

function parseJson(text: string, where: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: `${where} is not valid JSON` };
  }
}

function checkAll(values: readonly unknown[], name: (i: number) => string): IngestParse {
  if (values.length === 0) return refuse(400, 'the request holds no messages');
  if (values.length > MAX_MESSAGES) return refuse(413, `at most ${MAX_MESSAGES} messages per request`);
  for (let i = 0; i < values.length; i++) {
    const problem = textInputProblem(values[i]);
    if (problem) return refuse(400, `${name(i)}: ${problem}`);
  }
  return { ok: true, messages: values as TextInput[] };
}

/** Checks a whole request body; `contentType` is the raw header. */
export function parseIngestBody(body: Uint8Array, contentType: string | undefined): IngestParse {
  if (body.length > MAX_BODY_BYTES) return refuse(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const { type, charset } = mediaType(contentType);
  const lines = type !== null && LINES_TYPES.has(type);
  if (type === null || (!lines && !JSON_TYPES.has(type))) {
    return refuse(415, 'send Content-Type: application/json or application/x-ndjson');
  }
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') return refuse(415, 'the body must be UTF-8');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refuse(400, 'the body is not valid UTF-8');
  }
  if (!lines) {
    const parsed = parseJson(text, 'the body');
    if (!parsed.ok) return refuse(400, parsed.error);
    const many = Array.isArray(parsed.value);
    return checkAll(many ? (parsed.value as unknown[]) : [parsed.value], (i) =>
      many ? `message ${i + 1}` : 'the message',
    );
  }
  const values: unknown[] = [];
  const lineNumbers: number[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] ?? '').replace(/\r$/, '');
    if (row.trim() === '') continue;
    if (values.length === MAX_MESSAGES) return refuse(413, `at most ${MAX_MESSAGES} messages per request`);
    const parsed = parseJson(row, `line ${i + 1}`);
    if (!parsed.ok) return refuse(400, parsed.error);
    values.push(parsed.value);
    lineNumbers.push(i + 1);
  }
  return checkAll(values, (i) => `line ${lineNumbers[i] ?? i + 1}`);
}
