/**
 * Silero VAD v5/v6 (snakers4/silero-vad, MIT; the ONNX file as shipped in @ricky0123/vad-web) behind the project's
 * model interface. Feeding follows vad-web's dist/models/silero.js and silero-vad's OnnxWrapper: each call gets
 * one 512-sample frame at 16 kHz (32 ms) prefixed by the previous frame's last 64 samples, so `input` is
 * [1, 576] float32; `state` [2, 1, 128] float32 carries the recurrent state between calls; `sr` is an int64
 * scalar, 16000. Outputs: `output` [1, 1] speech probability and `stateN`, the next state.
 */
import { createHash } from 'node:crypto';
import type * as OrtModule from 'onnxruntime-node';
import { AttuneError } from '../../shared/envelope';
import type { Ort } from '../models/onnx-model';

/** Samples per VAD frame at 16 kHz (32 ms): v5 accepts only this size at this rate. */
export const VAD_FRAME = 512;
/** Samples of the previous frame prepended to each call. */
export const VAD_CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;

export interface SileroVadOptions {
  /** intraOpNumThreads. Default 1: the model is tiny and the engine shares the machine. */
  threads?: number;
  /** Hex sha256 the bytes must have. Default: not checked. */
  sha256?: string;
}

/** One loaded model; {@link SileroVad.stream} gives independent streams that share its session. */
export class SileroVad {
  private session: OrtModule.InferenceSession | null;
  private readonly sr: OrtModule.Tensor;

  private constructor(
    private readonly ort: Ort,
    session: OrtModule.InferenceSession,
  ) {
    this.session = session;
    this.sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
  }

  /** Throws AttuneError('model-corrupt') when the bytes are not a Silero v5/v6 graph. */
  static async load(ort: Ort, bytes: Uint8Array, options: SileroVadOptions = {}): Promise<SileroVad> {
    if (options.sha256 !== undefined) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== options.sha256.toLowerCase()) {
        throw new AttuneError('model-corrupt', `silero-vad: sha256 ${actual} does not match ${options.sha256}`);
      }
    }
    let session: OrtModule.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: options.threads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
    } catch (err) {
      throw new AttuneError('model-corrupt', `silero-vad: not a loadable ONNX model (${String(err)})`, { cause: err });
    }
    const names = [...session.inputNames].sort().join(',');
    if (names !== 'input,sr,state') {
      await session.release();
      throw new AttuneError('model-corrupt', `silero-vad: expected inputs input, sr, state; got ${names}`);
    }
    return new SileroVad(ort, session);
  }

  /** A new stream with its own recurrent state and context. */
  stream(): SileroStream {
    return new SileroStream((input, state) => this.run(input, state));
  }

  /** Frees the native session; safe to call twice. Streams fail afterwards. */
  async release(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.release();
  }

  private async run(input: Float32Array, state: Float32Array): Promise<{ p: number; state: Float32Array }> {
    if (!this.session) throw new AttuneError('internal', 'silero-vad: used after release');
    const out = await this.session.run({
      input: new this.ort.Tensor('float32', input, [1, input.length]),
      state: new this.ort.Tensor('float32', state, [2, 1, 128]),
      sr: this.sr,
    });
    const prob = out.output?.data;
    const next = out.stateN?.data;
    if (!(prob instanceof Float32Array) || !(next instanceof Float32Array) || next.length !== STATE_SIZE) {
      throw new AttuneError('internal', 'silero-vad: unexpected outputs');
    }
    const p = prob[0] ?? 0;
    return { p: Number.isFinite(p) ? p : 0, state: next };
  }
}

/** One audio stream's VAD state: frames must come in order, one call at a time (await each). */
export class SileroStream {
  private state: Float32Array = new Float32Array(STATE_SIZE);
  private readonly context = new Float32Array(VAD_CONTEXT);
  private readonly input = new Float32Array(VAD_CONTEXT + VAD_FRAME);

  constructor(
    private readonly run: (input: Float32Array, state: Float32Array) => Promise<{ p: number; state: Float32Array }>,
  ) {}

  /** Speech probability (0..1) of the next {@link VAD_FRAME}-sample frame at 16 kHz. */
  async process(frame: Float32Array): Promise<number> {
    if (frame.length !== VAD_FRAME) throw new AttuneError('bad-input', `VAD frame must be ${VAD_FRAME} samples`);
    this.input.set(this.context, 0);
    this.input.set(frame, VAD_CONTEXT);
    this.context.set(frame.subarray(VAD_FRAME - VAD_CONTEXT));
    // A copy per call: the session reads the buffer after this function returns to the event loop.
    const { p, state } = await this.run(this.input.slice(), this.state);
    this.state = state;
    return p;
  }

  /** Forgets the recurrent state and context: call between unrelated streams. */
  reset(): void {
    this.state = new Float32Array(STATE_SIZE);
    this.context.fill(0);
  }
}
