/**
 * Reading a TF.js graph-model topology (model.json): node and attribute types, attribute decoding, input references
 * and a topological order. Only what the converter in tfjs-graph.ts needs.
 */
import type { WeightGroup } from './tfjs-weights';

export interface TfAttr {
  s?: string;
  i?: string;
  b?: boolean;
  type?: string;
  list?: { s?: string[]; i?: string[] };
  shape?: { dim?: { size: string }[] };
}

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

export interface TfjsGraphModel {
  format: string;
  modelTopology: { node: TfNode[] };
  weightsManifest: WeightGroup[];
}

export const str = (a: TfAttr | undefined): string =>
  a?.s === undefined ? '' : Buffer.from(a.s, 'base64').toString('utf8');
export const ints = (a: TfAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);
export const strs = (a: TfAttr | undefined): string[] =>
  (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));

/** Checks the attributes every NHWC spatial op must have and returns its square stride. */
export function spatial(node: TfNode): { stride: number; padding: 'SAME' | 'VALID' } {
  const a = node.attr ?? {};
  const format = str(a.data_format) || 'NHWC';
  const strides = ints(a.strides);
  const padding = str(a.padding);
  const dilations = ints(a.dilations);
  if (format !== 'NHWC') throw new Error(`${node.name}: data_format ${format} unsupported`);
  if (padding !== 'SAME' && padding !== 'VALID') throw new Error(`${node.name}: padding ${padding} unsupported`);
  if (dilations.some((d) => d !== 1)) throw new Error(`${node.name}: dilations [${dilations.join()}] unsupported`);
  const [sn, sh, sw, sc] = strides;
  if (sn !== 1 || sc !== 1 || sh !== sw || sh === undefined)
    throw new Error(`${node.name}: strides [${strides.join()}] unsupported`);
  return { stride: sh, padding };
}

/** Nodes ordered so that every node comes after its inputs (depth-first, in file order). */
export function topoSort(nodes: readonly TfNode[]): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const done = new Set<string>();
  const out: TfNode[] = [];
  const visit = (n: TfNode, path: Set<string>): void => {
    if (done.has(n.name)) return;
    if (path.has(n.name)) throw new Error(`graph has a cycle at ${n.name}`);
    path.add(n.name);
    for (const i of n.input ?? []) {
      const dep = byName.get(inputName(i));
      if (!dep) throw new Error(`${n.name}: unknown input ${i}`);
      visit(dep, path);
    }
    done.add(n.name);
    out.push(n);
  };
  for (const n of nodes) visit(n, new Set());
  return out;
}

export function inputName(ref: string): string {
  if (ref.startsWith('^')) throw new Error(`control dependency ${ref} unsupported`);
  const [name = '', port] = ref.split(':');
  if (port !== undefined && port !== '0') throw new Error(`multi-output reference ${ref} unsupported`);
  return name;
}
