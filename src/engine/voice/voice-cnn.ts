/**
 * The voice CNN (resources/models/voice-cnn.onnx, trained by scripts/train/voice-cnn.py): a small
 * convolutional network over the segment's log-mel spectrogram (log-mel.ts). Its per-utterance normalisation
 * is inside the graph, so the engine feeds it raw log-mel energies. Input `logmel` [1, frames, 40], output
 * `probs` [1, 7], softmax in Attune's EMOTIONS order.
 */
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS } from '../../shared/labels';
import { OnnxModel, type Model, type Ort } from '../models/onnx-model';
import { LogMelAnalyser } from './log-mel';

/** The network pools time by 16; shorter segments are padded with silence to this many 10 ms frames. */
export const CNN_MIN_FRAMES = 32;
const INPUT = 'logmel';
const OUTPUT = 'probs';

export interface VoiceCnnOptions {
  /** intraOpNumThreads. Default 1: the engine shares the machine. */
  threads?: number;
  /** Hex sha256 the bytes must have (a mismatch is 'model-corrupt'). Default: not checked. */
  sha256?: string;
}

export class VoiceCnn {
  private readonly analyser = new LogMelAnalyser();

  private constructor(private readonly model: Model) {}

  /** Throws AttuneError('model-corrupt') for bytes that are not this network (wrong hash, names or graph). */
  static async load(ort: Ort, bytes: Uint8Array, options: VoiceCnnOptions = {}): Promise<VoiceCnn> {
    const model = await OnnxModel.load(ort, bytes, 'voice-cnn', { threads: options.threads ?? 1, ...options });
    if (!model.inputNames.includes(INPUT) || !model.outputNames.includes(OUTPUT)) {
      await model.release();
      throw new AttuneError('model-corrupt', `voice-cnn: expected input '${INPUT}' and output '${OUTPUT}'`);
    }
    return new VoiceCnn(model);
  }

  /** Wraps any model with the same contract (tests use a stand-in). */
  static fromModel(model: Model): VoiceCnn {
    return new VoiceCnn(model);
  }

  /** Probabilities over EMOTIONS for one 16 kHz mono segment. */
  async predict(segment: Float32Array): Promise<Float64Array> {
    const mel = this.analyser.compute(segment, CNN_MIN_FRAMES);
    const out = await this.model.run({ [INPUT]: { data: mel.data, dims: [1, mel.frames, mel.bands] } });
    const probs = out[OUTPUT]?.data;
    if (!probs || probs.length !== EMOTIONS.length || !probs.every(Number.isFinite)) {
      throw new AttuneError('model-corrupt', `voice-cnn: '${OUTPUT}' must hold ${EMOTIONS.length} finite numbers`);
    }
    return Float64Array.from(probs);
  }

  async release(): Promise<void> {
    await this.model.release();
  }
}
