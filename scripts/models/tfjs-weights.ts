/**
 * Decodes TF.js weight files (a weights manifest plus its .bin shards) into named arrays, dequantising
 * uint8/uint16 entries the way tfjs-core does: value = q · scale + min, computed in double then stored as float32.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

export type Weight =
  { shape: number[]; dtype: 'float32'; data: Float32Array } | { shape: number[]; dtype: 'int32'; data: Int32Array };

const QUANT_BYTES: Readonly<Record<string, number>> = { uint8: 1, uint16: 2 };

/** Reads every group's shards from `dir` (concatenated in order) and decodes its entries. */
export function loadWeights(dir: string, groups: readonly WeightGroup[]): Map<string, Weight> {
  const out = new Map<string, Weight>();
  for (const group of groups) {
    const bin = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
    decodeGroup(new Uint8Array(bin.buffer, bin.byteOffset, bin.byteLength), group.weights, out);
  }
  return out;
}

/** Decodes one group's concatenated bytes into `out`; throws on leftover or missing bytes. */
export function decodeGroup(bytes: Uint8Array, entries: readonly WeightEntry[], out: Map<string, Weight>): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (const e of entries) {
    const count = e.shape.reduce((a, b) => a * b, 1);
    const q = e.quantization;
    if (q) {
      const size = QUANT_BYTES[q.dtype];
      if (size === undefined || e.dtype !== 'float32' || q.scale === undefined || q.min === undefined) {
        throw new Error(`weight ${e.name}: unsupported quantization ${JSON.stringify(q)}`);
      }
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        const v = size === 1 ? view.getUint8(offset + i) : view.getUint16(offset + i * 2, true);
        data[i] = v * q.scale + q.min;
      }
      out.set(e.name, { shape: e.shape, dtype: 'float32', data });
      offset += count * size;
    } else if (e.dtype === 'float32') {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + i * 4, true);
      out.set(e.name, { shape: e.shape, dtype: 'float32', data });
      offset += count * 4;
    } else if (e.dtype === 'int32') {
      const data = new Int32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getInt32(offset + i * 4, true);
      out.set(e.name, { shape: e.shape, dtype: 'int32', data });
      offset += count * 4;
    } else {
      throw new Error(`weight ${e.name}: unsupported dtype ${e.dtype}`);
    }
  }
  if (offset !== bytes.length) throw new Error(`weights: decoded ${offset} bytes of ${bytes.length}`);
}

/** The float32 weight called `name`, checking its shape when `rank` is given. */
export function floatWeight(
  weights: ReadonlyMap<string, Weight>,
  name: string,
  rank?: number,
): { shape: number[]; data: Float32Array } {
  const w = weights.get(name);
  if (!w || w.dtype !== 'float32') throw new Error(`missing float32 weight ${name}`);
  if (rank !== undefined && w.shape.length !== rank)
    throw new Error(`weight ${name}: expected rank ${rank}, got [${w.shape.join()}]`);
  return w;
}
