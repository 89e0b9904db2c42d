/**
 * Rebuilds face-api's FaceExpressionNet as an ONNX graph from its weight map. face-api ships weights only; the
 * architecture below mirrors @vladmandic/face-api 1.7.15:
 * - src/faceFeatureExtractor/FaceFeatureExtractor.ts: denseBlock4 ×4 (the first with a plain conv), then
 *   avgPool 7×7 stride 2 'valid';
 * - src/faceFeatureExtractor/denseBlock.ts and src/common/depthwiseSeparableConv.ts ('same' padding);
 * - src/faceProcessor/FaceProcessor.ts + src/common/fullyConnectedLayer.ts: flatten, matMul + bias;
 * - src/faceExpressionNet/FaceExpressionNet.ts: softmax.
 * Its preprocessing (resize to 112, subtract the RGB mean, divide by 255) stays outside the graph.
 */
import { GraphBuilder } from './onnx-builder';
import type { Activation } from './onnx-builder';
import { attr } from './onnx-writer';
import type { GraphSpec } from './onnx-writer';
import { floatWeight } from './tfjs-weights';
import type { Weight } from './tfjs-weights';

/** face-api's input side (pixels) and the RGB mean it subtracts before dividing by 255. */
export const FACEAPI_INPUT_SIZE = 112;
export const FACEAPI_MEAN_RGB = [122.782, 117.001, 104.298] as const;
/** Label order of FaceExpressions.ts (FACE_EXPRESSION_LABELS). */
export const FACEAPI_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

/** face-api's normalisation of one RGB pixel value in [0, 255] for channel `c` (0 = R). */
export function faceapiNormalise(value: number, c: number): number {
  return (value - (FACEAPI_MEAN_RGB[c] ?? 0)) / 255;
}

export function buildFaceapiExpression(
  weights: ReadonlyMap<string, Weight>,
  names: { input: string; output: string },
): GraphSpec {
  const b = new GraphBuilder();
  const w = (name: string, rank?: number): { shape: number[]; data: Float32Array } => floatWeight(weights, name, rank);

  const separable = (x: Activation, prefix: string, stride: number): Activation => {
    const dw = w(`${prefix}/depthwise_filter`, 4);
    const pw = w(`${prefix}/pointwise_filter`, 4);
    const depthwise = b.conv(
      x,
      { kind: 'depthwise', filter: dw.data, filterShape: dw.shape, stride, padding: 'SAME' },
      `${prefix}/depthwise`,
    );
    return b.conv(
      depthwise,
      {
        kind: 'conv',
        filter: pw.data,
        filterShape: pw.shape,
        bias: w(`${prefix}/bias`, 1).data,
        stride: 1,
        padding: 'SAME',
      },
      `${prefix}/pointwise`,
    );
  };

  // Sums nest exactly as denseBlock4 does (out1 + (out2 + (out3 + out4))), so rounding follows the original.
  const denseBlock4 = (x: Activation, prefix: string, first: boolean): Activation => {
    let c0: Activation;
    if (first) {
      const f = w(`${prefix}/conv0/filters`, 4);
      c0 = b.conv(
        x,
        {
          kind: 'conv',
          filter: f.data,
          filterShape: f.shape,
          bias: w(`${prefix}/conv0/bias`, 1).data,
          stride: 2,
          padding: 'SAME',
        },
        `${prefix}/conv0`,
      );
    } else {
      c0 = separable(x, `${prefix}/conv0`, 2);
    }
    const out1 = b.unary('Relu', c0, `${prefix}/out1`);
    const out2 = separable(out1, `${prefix}/conv1`, 1);
    const in3 = b.unary('Relu', b.add(out1, out2, `${prefix}/sum3`), `${prefix}/in3`);
    const out3 = separable(in3, `${prefix}/conv2`, 1);
    const in4 = b.unary('Relu', b.add(out1, b.add(out2, out3, `${prefix}/sum23`), `${prefix}/sum4`), `${prefix}/in4`);
    const out4 = separable(in4, `${prefix}/conv3`, 1);
    const sum = b.add(out1, b.add(out2, b.add(out3, out4, `${prefix}/sum34`), `${prefix}/sum234`), `${prefix}/sum`);
    return b.unary('Relu', sum, `${prefix}/out`);
  };

  let x = b.nhwcInput(names.input, [FACEAPI_INPUT_SIZE, FACEAPI_INPUT_SIZE, 3]);
  for (const [i, prefix] of ['dense0', 'dense1', 'dense2', 'dense3'].entries()) x = denseBlock4(x, prefix, i === 0);
  const pooled = b.pool('AveragePool', x, 7, 2, 'VALID', 'avgpool');
  // face-api flattens NHWC; with a 1×1 map that order equals the NCHW flatten below.
  if (pooled.shape[1] !== 1 || pooled.shape[2] !== 1)
    throw new Error(`pooled map is ${pooled.shape.join('×')}, expected 1×1`);
  const flat = b.unary('Flatten', pooled, 'features', [pooled.shape[0] ?? 0]);
  const fc = w('fc/weights', 2);
  const [fcIn = 0, fcOut = 0] = fc.shape;
  if (fcIn !== flat.shape[0]) throw new Error(`fc expects ${fcIn} features, got ${flat.shape[0]}`);
  const logits = b.node(
    'Gemm',
    [flat.name, b.floats('fc/weights', fc.shape, fc.data), b.floats('fc/bias', [fcOut], w('fc/bias', 1).data)],
    'logits',
  );
  const probs = b.node('Softmax', [logits], names.output, { axis: attr.int(-1) });
  return b.build(
    'faceapi_expression',
    [{ name: names.input, type: 'float32', shape: ['N', FACEAPI_INPUT_SIZE, FACEAPI_INPUT_SIZE, 3] }],
    [{ name: probs, type: 'float32', shape: ['N', fcOut] }],
  );
}
