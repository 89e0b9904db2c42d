/** File names of the voice models inside resources/models (see VOICE-MODELS.md for sources and sha256). */

/**
 * Silero VAD. v6 rather than v5: on the check recording v5 scores most of the fearful sentence below 0.3 and
 * loses a second of it, v6 keeps it above 0.85 (scripts/voice/check-vad.ts). Same inputs and outputs.
 */
export const SILERO_MODEL_FILE = 'silero-vad-v6.onnx';

/** sha256 of {@link SILERO_MODEL_FILE}; a mismatch loads as AttuneError('model-corrupt'). */
export const SILERO_MODEL_SHA256 = '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3';

/** The emotion classifier's weights and normalisation (scripts/train/voice.ts writes it). */
export const VOICE_EMOTION_FILE = 'voice-emotion.json';
