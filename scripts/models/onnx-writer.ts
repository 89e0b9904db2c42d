/**
 * Encodes an ONNX ModelProto from plain objects. Field numbers follow onnx/onnx.proto (IR version 7, proto2).
 * Only the parts our converters emit are covered: float32/int64 tensors in raw_data, int/float/string attributes
 * and their lists, tensor types with fixed or symbolic dimensions.
 */
import { ProtoWriter } from './protobuf';

/** TensorProto.DataType values. */
const DATA_TYPE = { float32: 1, int64: 7 } as const;
export type ElemType = keyof typeof DATA_TYPE;

/** AttributeProto.AttributeType values. */
const ATTR_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

export type TensorSpec =
  | { name: string; dims: readonly number[]; type: 'float32'; data: Float32Array }
  | { name: string; dims: readonly number[]; type: 'int64'; data: BigInt64Array };

export type AttributeValue =
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'floats'; value: readonly number[] };

/** Shorthands for attribute values. */
export const attr = {
  int: (value: number): AttributeValue => ({ type: 'int', value }),
  float: (value: number): AttributeValue => ({ type: 'float', value }),
  string: (value: string): AttributeValue => ({ type: 'string', value }),
  ints: (value: readonly number[]): AttributeValue => ({ type: 'ints', value }),
  floats: (value: readonly number[]): AttributeValue => ({ type: 'floats', value }),
};

export interface NodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name: string;
  /** Written in insertion order, so the bytes stay deterministic. */
  attributes?: Readonly<Record<string, AttributeValue>>;
}

/** A graph input or output. A string dimension is symbolic (e.g. the batch size `N`). */
export interface ValueInfoSpec {
  name: string;
  type: ElemType;
  shape: readonly (number | string)[];
}

export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly TensorSpec[];
  inputs: readonly ValueInfoSpec[];
  outputs: readonly ValueInfoSpec[];
}

export interface ModelSpec {
  graph: GraphSpec;
  /** Default-domain opset version, e.g. 13. */
  opsetVersion: number;
  /** ONNX IR version; 7 goes with opset 13. */
  irVersion: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  /** metadata_props, written in the given order. */
  metadata?: readonly (readonly [string, string])[];
}

export function tensorProto(t: TensorSpec): ProtoWriter {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length)
    throw new RangeError(`tensor ${t.name}: dims [${t.dims.join()}] hold ${count}, data has ${t.data.length}`);
  const w = new ProtoWriter();
  for (const d of t.dims) w.varint(1, d);
  w.varint(2, DATA_TYPE[t.type]);
  w.string(8, t.name);
  // raw_data must be little-endian whatever the host is; DataView makes that explicit.
  const raw = new Uint8Array(t.data.length * (t.type === 'float32' ? 4 : 8));
  const view = new DataView(raw.buffer);
  if (t.type === 'float32') t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else t.data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  w.bytes(9, raw);
  return w;
}

export function attributeProto(name: string, a: AttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  switch (a.type) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.varint(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'floats':
      for (const v of a.value) w.float(7, v);
      break;
    case 'ints':
      for (const v of a.value) w.varint(8, v);
      break;
  }
  return w.varint(20, ATTR_TYPE[a.type]);
}

export function nodeProto(n: NodeSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.opType);
  for (const [key, value] of Object.entries(n.attributes ?? {})) w.message(5, attributeProto(key, value));
  return w;
}

export function valueInfoProto(v: ValueInfoSpec): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.varint(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().varint(1, DATA_TYPE[v.type]).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

export function graphProto(g: GraphSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, nodeProto(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensorProto(t));
  for (const i of g.inputs) w.message(11, valueInfoProto(i));
  for (const o of g.outputs) w.message(12, valueInfoProto(o));
  return w;
}

/** Serialises a whole model; the same spec always gives the same bytes. */
export function encodeModel(m: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.varint(1, m.irVersion);
  w.string(2, m.producerName);
  w.string(3, m.producerVersion);
  if (m.docString !== undefined) w.string(6, m.docString);
  w.message(7, graphProto(m.graph));
  w.message(8, new ProtoWriter().string(1, '').varint(2, m.opsetVersion));
  for (const [key, value] of m.metadata ?? []) w.message(14, new ProtoWriter().string(1, key).string(2, value));
  return w.finish();
}
