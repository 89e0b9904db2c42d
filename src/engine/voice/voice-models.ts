/** File names of the voice models inside resources/models (see VOICE-MODELS.md for sources and sha256). */

/**
 * Silero VAD. v6 rather than v5: on the check recording v5 scores most of the fearful sentence below 0.3 and
 * loses a second of it, v6 keeps it above 0.85 (src/cli/eval/check-vad.ts). Same inputs and outputs.
 */
export const SILERO_MODEL_FILE = 'silero-vad-v6.onnx';

/** sha256 of {@link SILERO_MODEL_FILE}; a mismatch loads as AttuneError('model-corrupt'). */
export const SILERO_MODEL_SHA256 = '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3';

/** The emotion classifier's weights and normalisation (scripts/train/voice.ts writes it). */
export const VOICE_EMOTION_FILE = 'voice-emotion.json';

/** The log-mel CNN blended with the logistic model (scripts/train/voice-cnn.py writes it). */
export const VOICE_CNN_FILE = 'voice-cnn.onnx';

/** sha256 of {@link VOICE_CNN_FILE}; a mismatch loads as AttuneError('model-corrupt'). */
export const VOICE_CNN_SHA256 = 'a64b94774dd78f47013f11ca40eca793691a5a4c3d10eafca46ecfe04d69a8bd';

/**
 * Weight of the CNN's log-probabilities in the blend with the logistic model (voice-blend.ts), by which
 * logistic model judged: chosen on out-of-fold predictions of leave-4-actors-out cross-validation on RAVDESS
 * actors 01–16 (VOICE-MODEL.md).
 */
export const VOICE_CNN_WEIGHT = { global: 0.8, speaker: 0.4 } as const;
