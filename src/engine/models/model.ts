/**
 * The model port: what pre- and post-processing code needs from a model (OnnxModel is one; tests substitute a
 * fake). Its own file, so a pipeline depends on the interface and not on the ONNX runtime.
 */

/** A float32 tensor as plain data: what goes into and comes out of {@link Model.run}. */
export interface FloatTensor {
  data: Float32Array;
  dims: readonly number[];
}

export interface Model {
  run(feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>>;
  release(): Promise<void>;
}
