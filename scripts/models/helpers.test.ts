import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACCURACY_PLACEHOLDER, accuracyLines, manifestJson, otherSections } from './manifest';
import { hwioToOihw, outSize, tfPads } from './onnx-builder';
import { extractFromTgz, readTar } from './npm-tarball';
import { convertTfjsGraph } from './tfjs-graph';
import { decodeGroup } from './tfjs-weights';
import type { Weight } from './tfjs-weights';

describe('TF padding', () => {
  it('puts the odd pixel of SAME padding at the end, like TensorFlow', () => {
    // 112 → 56 with a 3×3 stride-2 kernel needs (56−1)·2 + 3 − 112 = 1 pixel: none before, one after.
    expect(tfPads('SAME', 112, 3, 2)).toEqual([0, 1]);
    expect(outSize(112, 3, 2, [0, 1])).toBe(56);
    expect(tfPads('SAME', 56, 3, 1)).toEqual([1, 1]);
    // 31 → 16: (16−1)·2 + 3 − 31 = 2.
    expect(tfPads('SAME', 31, 3, 2)).toEqual([1, 1]);
    expect(tfPads('VALID', 64, 3, 2)).toEqual([0, 0]);
    expect(outSize(64, 3, 2, [0, 0])).toBe(31);
  });

  it('reorders a TF [kh, kw, in, out] filter to ONNX [out, in, kh, kw]', () => {
    // kh 1, kw 2, in 1, out 2: TF order (w0,o0) (w0,o1) (w1,o0) (w1,o1) = 1 2 3 4.
    expect(Array.from(hwioToOihw(Float32Array.from([1, 2, 3, 4]), [1, 2, 1, 2]))).toEqual([1, 3, 2, 4]);
  });
});

describe('TF.js weights', () => {
  it('dequantises uint8 as q·scale + min and reads float32/int32 little-endian', () => {
    const bytes = new Uint8Array([0, 2, 255, ...[0, 0, 0x80, 0x3f], ...[7, 0, 0, 0]]);
    const out = new Map<string, Weight>();
    decodeGroup(
      bytes,
      [
        { name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
        { name: 'f', shape: [1], dtype: 'float32' },
        { name: 'i', shape: [1], dtype: 'int32' },
      ],
      out,
    );
    expect(Array.from(out.get('q')?.data ?? [])).toEqual([-1, 0, 126.5]);
    expect(Array.from(out.get('f')?.data ?? [])).toEqual([1]);
    expect(Array.from(out.get('i')?.data ?? [])).toEqual([7]);
    expect(() => decodeGroup(bytes, [{ name: 'f', shape: [1], dtype: 'float32' }], new Map())).toThrow(
      /decoded 4 bytes of 11/,
    );
  });
});

/** A 512-byte tar header: name, octal size and type flag are all the reader looks at (plus the ustar prefix). */
function header(name: string, size: number, type: string, prefix = ''): Uint8Array {
  const h = new Uint8Array(512);
  h.set(Buffer.from(name), 0);
  h.set(Buffer.from(`${size.toString(8).padStart(11, '0')}\0`), 124);
  h.set(Buffer.from(type), 156);
  h.set(Buffer.from('ustar\0'), 257);
  h.set(Buffer.from(prefix), 345);
  return h;
}

function entry(name: string, data: string, type = '0', prefix = ''): Uint8Array[] {
  const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
  body.set(Buffer.from(data));
  return [header(name, data.length, type, prefix), body];
}

describe('tar reader', () => {
  const long = `package/${'x'.repeat(120)}.onnx`;
  const pax = `${long.length + 9} path=${long}\n`;
  const tar = Buffer.concat([
    ...entry('package/', '', '5'),
    ...entry('package/a.txt', 'hello'),
    ...entry('b.txt', 'prefixed', '0', 'package/dir'),
    ...entry('PaxHeader', pax, 'x'),
    ...entry('ignored-short-name', 'long body'),
    new Uint8Array(1024),
  ]);

  it('reads regular files, ustar prefixes and pax paths, and skips directories', () => {
    const files = readTar(tar);
    expect([...files.keys()]).toEqual(['package/a.txt', 'package/dir/b.txt', long]);
    expect(Buffer.from(files.get('package/a.txt') ?? []).toString()).toBe('hello');
    expect(Buffer.from(files.get(long) ?? []).toString()).toBe('long body');
  });

  it('extracts one file from a .tgz and names a missing one', () => {
    const tgz = gzipSync(tar);
    expect(Buffer.from(extractFromTgz(tgz, 'package/dir/b.txt')).toString()).toBe('prefixed');
    expect(() => extractFromTgz(tgz, 'package/none')).toThrow(/no package\/none/);
  });
});

describe('MODELS.md accuracy lines', () => {
  it('keeps a filled-in accuracy line per model section', () => {
    const md = ['## blazeface', ACCURACY_PLACEHOLDER, '## expression-human', '- accuracy: 0.66 on FER2013 test'].join(
      '\n',
    );
    const lines = accuracyLines(md);
    expect(lines.get('expression-human')).toBe('- accuracy: 0.66 on FER2013 test');
    expect(lines.get('blazeface')).toBe(ACCURACY_PLACEHOLDER);
  });
});

describe('TF.js graph conversion', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const names = { graph: 'g', input: 'input', output: 'probs' };
  const placeholder = {
    name: 'x',
    op: 'Placeholder',
    attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '4' }, { size: '4' }, { size: '1' }] } } },
  };

  it('refuses ops and attributes it does not translate instead of guessing', () => {
    const sigmoid = { name: 'y', op: 'Sigmoid', input: ['x'] };
    const model = { format: 'graph-model', modelTopology: { node: [placeholder, sigmoid] }, weightsManifest: [] };
    expect(() => convertTfjsGraph(model, new Map(), names)).toThrow(/op Sigmoid unsupported/);
    const pool = {
      name: 'y',
      op: 'MaxPool',
      input: ['x'],
      attr: {
        ksize: { list: { i: ['1', '2', '2', '1'] } },
        strides: { list: { i: ['1', '2', '2', '1'] } },
        padding: { s: b64('EXPLICIT') },
      },
    };
    const model2 = { format: 'graph-model', modelTopology: { node: [placeholder, pool] }, weightsManifest: [] };
    expect(() => convertTfjsGraph(model2, new Map(), names)).toThrow(/padding EXPLICIT unsupported/);
  });

  it('names the graph input and output and keeps a symbolic batch', () => {
    const pool = {
      name: 'y',
      op: 'MaxPool',
      input: ['x'],
      attr: {
        ksize: { list: { i: ['1', '3', '3', '1'] } },
        strides: { list: { i: ['1', '2', '2', '1'] } },
        padding: { s: b64('SAME') },
      },
    };
    const graph = convertTfjsGraph(
      { format: 'graph-model', modelTopology: { node: [placeholder, pool] }, weightsManifest: [] },
      new Map(),
      names,
    );
    expect(graph.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['N', 4, 4, 1] }]);
    // 4 → 2 with SAME 3×3 stride 2: total padding 1, at the end. Output stays NCHW: [N, c, h, w].
    expect(graph.outputs).toEqual([{ name: 'probs', type: 'float32', shape: ['N', 1, 2, 2] }]);
    expect(graph.nodes.map((n) => n.opType)).toEqual(['Transpose', 'MaxPool']);
    expect(graph.nodes[1]?.attributes?.pads).toEqual({ type: 'ints', value: [0, 0, 1, 1] });
  });
});

describe('merging with files other tools write', () => {
  it('keeps MODELS.md sections and manifest entries for models this script does not produce', () => {
    const md = [
      '# Models',
      'intro',
      '## How to reproduce',
      'x',
      '## blazeface',
      'y',
      '## `silero-vad`',
      '- a',
      '',
      '- b',
      '',
    ].join('\n');
    expect(otherSections(md, new Set(['How to reproduce', 'blazeface']))).toEqual(['## `silero-vad`\n- a\n\n- b']);
    const previous = JSON.stringify({
      models: { 'silero-vad': { file: 'v.onnx' }, 'expression-human': { file: 'old' } },
    });
    const json = JSON.parse(manifestJson([], previous)) as { models: Record<string, unknown> };
    expect(json.models).toEqual({ 'silero-vad': { file: 'v.onnx' }, 'expression-human': { file: 'old' } });
  });
});
