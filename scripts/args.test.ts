import { afterEach, describe, expect, it } from 'vitest';
import { argValue } from './args';

const saved = process.argv;
afterEach(() => {
  process.argv = saved;
});

describe('argValue', () => {
  it('reads the value after the option, or falls back when it is absent or last', () => {
    process.argv = ['node', 'script', '--data', '/tmp/d', '--out'];
    expect(argValue('--data', 'x')).toBe('/tmp/d');
    expect(argValue('--out', 'fallback')).toBe('fallback');
    expect(argValue('--model', 'm.onnx')).toBe('m.onnx');
  });
});
