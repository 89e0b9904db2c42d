/**
 * Builds ONNX graphs from TensorFlow-style layers. Activations are kept NCHW inside the graph (ONNX Conv is NCHW);
 * the graph's input stays NHWC like the source model and is transposed once at the start.
 */
import { attr } from './onnx-writer';
import type { AttributeValue, GraphSpec, NodeSpec, TensorSpec, ValueInfoSpec } from './onnx-writer';

/** An activation inside the graph: its tensor name and its NCHW shape without the batch (`[c, h, w]` or `[c]`). */
export interface Activation {
  name: string;
  shape: readonly number[];
}

/** Padding of one spatial axis as TensorFlow computes it: `SAME` puts the odd pixel at the end. */
export function tfPads(padding: 'SAME' | 'VALID', size: number, kernel: number, stride: number): [number, number] {
  if (padding === 'VALID') return [0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/** Output size of one spatial axis after explicit padding. */
export function outSize(size: number, kernel: number, stride: number, pads: readonly [number, number]): number {
  return Math.floor((size + pads[0] + pads[1] - kernel) / stride) + 1;
}

/** TF conv filter [kh, kw, in, out] → ONNX Conv weight [out, in, kh, kw]. */
export function hwioToOihw(data: Float32Array, shape: readonly number[]): Float32Array {
  const [kh = 0, kw = 0, ci = 0, co = 0] = shape;
  const out = new Float32Array(data.length);
  for (let h = 0; h < kh; h++)
    for (let w = 0; w < kw; w++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++)
          out[((o * ci + i) * kh + h) * kw + w] = data[((h * kw + w) * ci + i) * co + o] ?? 0;
  return out;
}

/** TF depthwise filter [kh, kw, c, m] → ONNX grouped Conv weight [c·m, 1, kh, kw] (output channel c·m + k). */
export function depthwiseToOihw(data: Float32Array, shape: readonly number[]): Float32Array {
  const [kh = 0, kw = 0, c = 0, m = 0] = shape;
  return hwioToOihw(data, [kh, kw, 1, c * m]);
}

export interface ConvOptions {
  /** TF filter layout: [kh, kw, in, out] for `conv`, [kh, kw, in, multiplier] for `depthwise`. */
  kind: 'conv' | 'depthwise';
  filter: Float32Array;
  filterShape: readonly number[];
  bias?: Float32Array;
  stride: number;
  padding: 'SAME' | 'VALID';
}

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: TensorSpec[] = [];
  private readonly used = new Set<string>();

  /** A fresh tensor name derived from `hint` (names must be unique in an ONNX graph). */
  unique(hint: string): string {
    let name = hint;
    for (let i = 1; this.used.has(name); i++) name = `${hint}_${i}`;
    this.used.add(name);
    return name;
  }

  floats(hint: string, dims: readonly number[], data: Float32Array): string {
    const name = this.unique(hint);
    this.initializers.push({ name, dims, type: 'float32', data });
    return name;
  }

  node(opType: string, inputs: readonly string[], output: string, attributes?: Record<string, AttributeValue>): string {
    const name = this.unique(output);
    this.nodes.push({ opType, inputs, outputs: [name], name, ...(attributes ? { attributes } : {}) });
    return name;
  }

  /** Transposes the NHWC graph input to NCHW. */
  nhwcInput(name: string, shape: readonly number[]): Activation {
    this.used.add(name);
    const [h = 0, w = 0, c = 0] = shape;
    return {
      name: this.node('Transpose', [name], `${name}/nchw`, { perm: attr.ints([0, 3, 1, 2]) }),
      shape: [c, h, w],
    };
  }

  conv(x: Activation, o: ConvOptions, output: string): Activation {
    const [c = 0, h = 0, w = 0] = x.shape;
    const [kh = 0, kw = 0, ci = 0, co = 0] = o.filterShape;
    if (ci !== c) throw new Error(`${output}: filter expects ${ci} channels, input has ${c}`);
    const depthwise = o.kind === 'depthwise';
    const outChannels = depthwise ? ci * co : co;
    const weight = depthwise ? depthwiseToOihw(o.filter, o.filterShape) : hwioToOihw(o.filter, o.filterShape);
    const inputs = [x.name, this.floats(`${output}/weight`, [outChannels, depthwise ? 1 : ci, kh, kw], weight)];
    if (o.bias) inputs.push(this.floats(`${output}/bias`, [outChannels], o.bias));
    const padH = tfPads(o.padding, h, kh, o.stride);
    const padW = tfPads(o.padding, w, kw, o.stride);
    const name = this.node('Conv', inputs, output, {
      kernel_shape: attr.ints([kh, kw]),
      strides: attr.ints([o.stride, o.stride]),
      pads: attr.ints([padH[0], padW[0], padH[1], padW[1]]),
      ...(depthwise ? { group: attr.int(ci) } : {}),
    });
    return { name, shape: [outChannels, outSize(h, kh, o.stride, padH), outSize(w, kw, o.stride, padW)] };
  }

  pool(
    op: 'MaxPool' | 'AveragePool',
    x: Activation,
    k: number,
    stride: number,
    padding: 'SAME' | 'VALID',
    output: string,
  ): Activation {
    const [c = 0, h = 0, w = 0] = x.shape;
    const padH = tfPads(padding, h, k, stride);
    const padW = tfPads(padding, w, k, stride);
    // TF's SAME average pool divides by the unpadded count; ONNX only does that without count_include_pad,
    // which is the default (0), so the semantics match either way.
    const name = this.node(op, [x.name], output, {
      kernel_shape: attr.ints([k, k]),
      strides: attr.ints([stride, stride]),
      pads: attr.ints([padH[0], padW[0], padH[1], padW[1]]),
    });
    return { name, shape: [c, outSize(h, k, stride, padH), outSize(w, k, stride, padW)] };
  }

  unary(op: 'Relu' | 'Softmax' | 'Flatten', x: Activation, output: string, shape = x.shape): Activation {
    return { name: this.node(op, [x.name], output), shape };
  }

  add(a: Activation, b: Activation, output: string): Activation {
    if (a.shape.join() !== b.shape.join())
      throw new Error(`${output}: cannot add [${a.shape.join()}] and [${b.shape.join()}]`);
    return { name: this.node('Add', [a.name, b.name], output), shape: a.shape };
  }

  build(name: string, inputs: readonly ValueInfoSpec[], outputs: readonly ValueInfoSpec[]): GraphSpec {
    return { name, nodes: [...this.nodes], initializers: [...this.initializers], inputs, outputs };
  }
}
