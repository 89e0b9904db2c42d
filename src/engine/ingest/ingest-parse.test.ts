import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_MESSAGES, mediaType, parseIngestBody } from './ingest-parse';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const JSON_TYPE = 'application/json';
const LINES = 'application/x-ndjson';

describe('mediaType', () => {
  it('splits the type from its charset, ignoring case and quotes', () => {
    expect(mediaType('Application/JSON; Charset="UTF-8"')).toEqual({ type: 'application/json', charset: 'utf-8' });
    expect(mediaType(undefined)).toEqual({ type: null, charset: null });
    expect(mediaType('application/x-ndjson')).toEqual({ type: 'application/x-ndjson', charset: null });
  });
});

describe('parseIngestBody', () => {
  it('reads one JSON message, or an array of them', () => {
    expect(parseIngestBody(bytes('{"text":"hi","source":"chat","at":5}'), JSON_TYPE)).toEqual({
      ok: true,
      messages: [{ text: 'hi', source: 'chat', at: 5 }],
    });
    const many = parseIngestBody(bytes('[{"text":"a"},{"text":"b"}]'), 'application/json; charset=utf-8');
    expect(many.ok && many.messages.map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('reads JSON lines, skipping blank lines and CRLF endings', () => {
    const body = '{"text":"one"}\r\n\n{"text":"two","at":1}\n';
    const parsed = parseIngestBody(bytes(body), LINES);
    expect(parsed.ok && parsed.messages).toEqual([{ text: 'one' }, { text: 'two', at: 1 }]);
  });

  it('names the first bad line and accepts none of the others', () => {
    const body = '{"text":"fine"}\n{"text": 3}\n{"text":"also fine"}';
    expect(parseIngestBody(bytes(body), LINES)).toEqual({
      ok: false,
      status: 400,
      error: 'line 2: "text" must be a string',
    });
    expect(parseIngestBody(bytes('{"text":"a"}\n{oops'), LINES)).toEqual({
      ok: false,
      status: 400,
      error: 'line 2 is not valid JSON',
    });
    expect(parseIngestBody(bytes('[{"text":"a"},{"tex":"b"}]'), JSON_TYPE)).toMatchObject({
      error: 'message 2: unknown field "tex"',
    });
  });

  it('refuses invalid UTF-8 instead of guessing', () => {
    const body = new Uint8Array([...bytes('{"text":"caf'), 0xc3, 0x28, ...bytes('"}')]);
    expect(parseIngestBody(body, JSON_TYPE)).toEqual({ ok: false, status: 400, error: 'the body is not valid UTF-8' });
  });

  it('refuses other media types and charsets with 415', () => {
    expect(parseIngestBody(bytes('{"text":"a"}'), undefined)).toMatchObject({ status: 415 });
    expect(parseIngestBody(bytes('{"text":"a"}'), 'text/plain')).toMatchObject({ status: 415 });
    expect(parseIngestBody(bytes('{"text":"a"}'), 'application/json; charset=latin1')).toMatchObject({
      status: 415,
    });
  });

  it('refuses empty requests, oversize texts, bodies and message counts', () => {
    expect(parseIngestBody(bytes(''), LINES)).toMatchObject({ status: 400, error: 'the request holds no messages' });
    expect(parseIngestBody(bytes('[]'), JSON_TYPE)).toMatchObject({ status: 400 });
    const long = JSON.stringify({ text: 'x'.repeat(10_001) });
    expect(parseIngestBody(bytes(long), JSON_TYPE)).toMatchObject({ status: 400, error: /longer than 10000 bytes/ });
    expect(parseIngestBody(new Uint8Array(MAX_BODY_BYTES + 1), JSON_TYPE)).toMatchObject({ status: 413 });
    const lines = '{"text":""}\n'.repeat(MAX_MESSAGES + 1);
    expect(parseIngestBody(bytes(lines), LINES)).toMatchObject({ status: 413 });
    expect(parseIngestBody(bytes('{"text":""}\n'.repeat(MAX_MESSAGES)), LINES).ok).toBe(true);
  });

  it('refuses JSON that is not a message object', () => {
    for (const body of ['"hi"', '42', 'null', '{"text":null}', '[1]', '{"text":"a","at":"now"}']) {
      expect(parseIngestBody(bytes(body), JSON_TYPE), body).toMatchObject({ ok: false, status: 400 });
    }
  });
});
