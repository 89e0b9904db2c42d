/**
 * Attune's microphone tap (AudioWorklet): mixes the input to mono and posts it to the page in blocks of
 * about 50 ms at the context's own rate. The page resamples to 16 kHz and sends it to the engine; nothing is
 * stored. Plain JavaScript served as is (CSP script-src 'self'), so it needs no bundling.
 */
/* global AudioWorkletProcessor, registerProcessor, sampleRate */
class PcmTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.blockLength = Math.round(sampleRate / 20);
    this.block = new Float32Array(this.blockLength);
    this.filled = 0;
  }

  process(inputs) {
    const channels = inputs[0] ?? [];
    const first = channels[0];
    if (!first) return true;
    for (let i = 0; i < first.length; i++) {
      let sum = 0;
      for (const channel of channels) sum += channel[i] ?? 0;
      this.block[this.filled++] = sum / channels.length;
      if (this.filled === this.blockLength) {
        // Transferring detaches the buffer (its length becomes 0), hence blockLength.
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(this.blockLength);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('attune-pcm-tap', PcmTap);
