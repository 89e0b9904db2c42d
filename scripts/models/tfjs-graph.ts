/**
 * Converts a TF.js graph model (model.json topology + decoded weights) into an ONNX graph. It supports the op set
 * of small image classifiers (see {@link convertTfjsGraph}) and throws on anything else rather than guess.
 */
import { GraphBuilder } from './onnx-builder';
import type { Activation } from './onnx-builder';
import { attr } from './onnx-writer';
import type { GraphSpec } from './onnx-writer';
import { inputName, ints, spatial, strs, topoSort } from './tfjs-topology';
import type { TfjsGraphModel, TfNode } from './tfjs-topology';
import type { Weight } from './tfjs-weights';

export type { TfjsGraphModel } from './tfjs-topology';

export interface GraphNames {
  graph: string;
  /** ONNX name of the (single) NHWC input. */
  input: string;
  /** ONNX name of the (single) output. */
  output: string;
}

/**
 * Supported ops: Const, Placeholder (one, NHWC [-1,h,w,c]), _FusedConv2D (BiasAdd [+Relu]), DepthwiseConv2dNative,
 * MaxPool, AddV2, Relu, Mean over H and W (keep_dims false), Softmax over the last axis of a 2-D tensor, Identity.
 * The graph must end in exactly one tensor that nothing consumes.
 */
export function convertTfjsGraph(
  model: TfjsGraphModel,
  weights: ReadonlyMap<string, Weight>,
  names: GraphNames,
): GraphSpec {
  if (model.format !== 'graph-model') throw new Error(`expected a graph-model, got ${model.format}`);
  const nodes = topoSort(model.modelTopology.node);
  const consumed = new Set(nodes.flatMap((n) => (n.input ?? []).map(inputName)));
  const sinks = nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const');
  if (sinks.length !== 1 || !sinks[0])
    throw new Error(`expected one output, found ${sinks.map((n) => n.name).join(', ')}`);
  const sink = sinks[0].name;
  // Identity nodes become aliases, so the public output name goes to the op the final Identity chain points at.
  const byName = new Map(nodes.map((n) => [n.name, n]));
  let producer = sinks[0];
  while (producer.op === 'Identity') {
    const next = byName.get(inputName(producer.input?.[0] ?? ''));
    if (!next) throw new Error(`${producer.name}: Identity without input`);
    producer = next;
  }

  const b = new GraphBuilder();
  const values = new Map<string, Activation>();
  const consts = new Map<string, Weight>();
  let inputShape: number[] | undefined;

  const act = (ref: string): Activation => {
    const v = values.get(inputName(ref));
    if (!v) throw new Error(`no activation for ${ref}`);
    return v;
  };
  const constant = (ref: string): Weight => {
    const w = consts.get(inputName(ref));
    if (!w) throw new Error(`no constant for ${ref}`);
    return w;
  };
  const floatConst = (ref: string): Float32Array => {
    const w = constant(ref);
    if (w.dtype !== 'float32') throw new Error(`${ref}: expected float32`);
    return w.data;
  };
  // The producer gets the public output name; every other tensor keeps its TF node name.
  const out = (n: TfNode): string => (n === producer ? names.output : n.name);

  for (const n of nodes) {
    const inputs = n.input ?? [];
    const a = n.attr ?? {};
    if (a.T?.type !== undefined && a.T.type !== 'DT_FLOAT') throw new Error(`${n.name}: type ${a.T.type} unsupported`);
    switch (n.op) {
      case 'Const': {
        const w = weights.get(n.name);
        if (!w) throw new Error(`${n.name}: no weight in the manifest`);
        consts.set(n.name, w);
        break;
      }
      case 'Placeholder': {
        if (inputShape) throw new Error('more than one Placeholder');
        inputShape = (a.shape?.shape?.dim ?? []).map((d) => Number(d.size));
        if (inputShape.length !== 4 || inputShape.slice(1).some((d) => d <= 0)) {
          throw new Error(`${n.name}: input shape [${inputShape.join()}] must be [-1|n, h, w, c]`);
        }
        values.set(n.name, b.nhwcInput(names.input, inputShape.slice(1)));
        break;
      }
      case '_FusedConv2D': {
        const fused = strs(a.fused_ops);
        const relu = fused.length === 2 && fused[1] === 'Relu';
        if (fused[0] !== 'BiasAdd' || !(fused.length === 1 || relu) || Number(a.num_args?.i ?? '1') !== 1) {
          throw new Error(`${n.name}: fused_ops [${fused.join()}] unsupported`);
        }
        const [x = '', filter = '', bias = ''] = inputs;
        const conv = b.conv(
          act(x),
          {
            kind: 'conv',
            filter: floatConst(filter),
            filterShape: constant(filter).shape,
            bias: floatConst(bias),
            ...spatial(n),
          },
          relu ? `${n.name}/conv` : out(n),
        );
        values.set(n.name, relu ? b.unary('Relu', conv, out(n)) : conv);
        break;
      }
      case 'DepthwiseConv2dNative': {
        const [x = '', filter = ''] = inputs;
        values.set(
          n.name,
          b.conv(
            act(x),
            { kind: 'depthwise', filter: floatConst(filter), filterShape: constant(filter).shape, ...spatial(n) },
            out(n),
          ),
        );
        break;
      }
      case 'MaxPool': {
        const [kn, kh, kw, kc] = ints(a.ksize);
        if (kn !== 1 || kc !== 1 || kh !== kw || kh === undefined)
          throw new Error(`${n.name}: ksize [${ints(a.ksize).join()}] unsupported`);
        const { stride, padding } = spatial(n);
        values.set(n.name, b.pool('MaxPool', act(inputs[0] ?? ''), kh, stride, padding, out(n)));
        break;
      }
      case 'AddV2':
      case 'Add':
        values.set(n.name, b.add(act(inputs[0] ?? ''), act(inputs[1] ?? ''), out(n)));
        break;
      case 'Relu':
        values.set(n.name, b.unary('Relu', act(inputs[0] ?? ''), out(n)));
        break;
      case 'Mean': {
        const x = act(inputs[0] ?? '');
        const axes = [...constant(inputs[1] ?? '').data].map(Number).sort((p, q) => p - q);
        if (x.shape.length !== 3 || axes.join() !== '1,2' || a.keep_dims?.b === true) {
          throw new Error(`${n.name}: only a global mean over H and W without keep_dims is supported`);
        }
        // NHWC axes 1 and 2 are NCHW axes 2 and 3.
        const name = b.node('ReduceMean', [x.name], out(n), { axes: attr.ints([2, 3]), keepdims: attr.int(0) });
        values.set(n.name, { name, shape: [x.shape[0] ?? 0] });
        break;
      }
      case 'Softmax': {
        const x = act(inputs[0] ?? '');
        if (x.shape.length !== 1) throw new Error(`${n.name}: softmax only on [batch, classes]`);
        values.set(n.name, { name: b.node('Softmax', [x.name], out(n), { axis: attr.int(-1) }), shape: x.shape });
        break;
      }
      case 'Identity':
        values.set(n.name, act(inputs[0] ?? ''));
        break;
      default:
        throw new Error(`${n.name}: op ${n.op} unsupported`);
    }
  }
  const result = values.get(sink);
  if (!inputShape || !result) throw new Error('graph has no input or no output');
  const batch = (d: number | undefined): number | string => (d === undefined || d < 0 ? 'N' : d);
  return b.build(
    names.graph,
    [{ name: names.input, type: 'float32', shape: [batch(inputShape[0]), ...inputShape.slice(1)] }],
    [{ name: names.output, type: 'float32', shape: [batch(inputShape[0]), ...result.shape] }],
  );
}
