import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type * as OrtModule from 'onnxruntime-node';
import { AttuneError } from '../../shared/envelope';
import type { FloatTensor, Model } from './model';

export type { FloatTensor, Model } from './model';

/** The onnxruntime module, injected so tests and the engine choose which runtime (and build) to use. */
export type Ort = typeof OrtModule;

export interface OnnxModelOptions {
  /** Threads one operator may use (onnxruntime intraOpNumThreads). Default 1: the engine shares the machine. */
  threads?: number;
  /** Hex sha256 the bytes must have; a mismatch is a corrupt model. Default: not checked. */
  sha256?: string;
}

/**
 * One ONNX session behind the project's model interface: `load` (bytes and runtime injected),
 * `run`, `release`. Pre- and post-processing live elsewhere, as pure functions.
 */
export class OnnxModel implements Model {
  private session: OrtModule.InferenceSession | null;

  private constructor(
    private readonly ort: Ort,
    session: OrtModule.InferenceSession,
    /** A name for messages, e.g. the file name. */
    readonly name: string,
  ) {
    this.session = session;
  }

  /** Throws AttuneError('model-corrupt') when the bytes do not match `sha256` or do not parse. */
  static async load(ort: Ort, bytes: Uint8Array, name: string, options: OnnxModelOptions = {}): Promise<OnnxModel> {
    if (options.sha256 !== undefined) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== options.sha256.toLowerCase()) {
        throw new AttuneError('model-corrupt', `${name}: sha256 ${actual} does not match the manifest`);
      }
    }
    try {
      const session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: options.threads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        // 3 = errors only: some exported graphs carry unused initialisers that ORT warns about.
        logSeverityLevel: 3,
      });
      return new OnnxModel(ort, session, name);
    } catch (err) {
      throw new AttuneError('model-corrupt', `${name}: not a loadable ONNX model (${String(err)})`, { cause: err });
    }
  }

  get inputNames(): readonly string[] {
    return this.live().inputNames;
  }

  get outputNames(): readonly string[] {
    return this.live().outputNames;
  }

  /** Runs the model on float32 inputs and returns every float32 output by name. */
  async run(feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>> {
    const session = this.live();
    const inputs: Record<string, OrtModule.Tensor> = {};
    for (const [key, feed] of Object.entries(feeds)) {
      inputs[key] = new this.ort.Tensor('float32', feed.data, [...feed.dims]);
    }
    const results = await session.run(inputs);
    const out: Record<string, FloatTensor> = {};
    for (const [key, value] of Object.entries(results)) {
      if (!(value.data instanceof Float32Array)) {
        throw new AttuneError('internal', `${this.name}: output ${key} is ${value.type}, expected float32`);
      }
      out[key] = { data: value.data, dims: value.dims };
    }
    return out;
  }

  /** Frees the native session; safe to call twice. */
  async release(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.release();
  }

  private live(): OrtModule.InferenceSession {
    if (!this.session) throw new AttuneError('internal', `${this.name}: model used after release`);
    return this.session;
  }
}

/** Reads a model file; a missing file is AttuneError('model-missing'), any other failure 'model-corrupt'. */
export async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AttuneError('model-missing', `model file not found: ${path}`, { cause: err });
    }
    throw new AttuneError('model-corrupt', `model file unreadable: ${path} (${String(err)})`, { cause: err });
  }
}
