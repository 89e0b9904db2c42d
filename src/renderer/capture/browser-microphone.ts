/**
 * The real microphone: getUserMedia → AudioWorklet tap (public/pcm-worklet.js) → 16 kHz in the page.
 * Nothing is played back or recorded; the worklet output is silent and exists only so the graph is pulled.
 */
import { StreamResampler } from './audio-chunks';
import type { MicrophoneHandle, OpenMicrophone } from './microphone';

/** The browser's own clean-up helps the VAD and the classifier more than anything we could add. */
export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
  video: false,
};

/** Served next to the pages as a plain file, so CSP `script-src 'self'` allows it. */
const WORKLET_URL = 'pcm-worklet.js';

export const openBrowserMicrophone: OpenMicrophone = async (onAudio, onEnded) => {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new DOMException('This page cannot use a microphone.', 'NotFoundError');
  }
  const stream = await navigator.mediaDevices.getUserMedia(MICROPHONE_CONSTRAINTS);
  const context = new AudioContext();
  const release = (): void => {
    stream.getTracks().forEach((track) => track.stop());
    void context.close();
  };
  try {
    await context.audioWorklet.addModule(new URL(WORKLET_URL, document.baseURI).href);
    const source = context.createMediaStreamSource(stream);
    const tap = new AudioWorkletNode(context, 'attune-pcm-tap', { numberOfOutputs: 1 });
    const silent = context.createGain();
    silent.gain.value = 0;
    source.connect(tap).connect(silent).connect(context.destination);
    const resampler = new StreamResampler(context.sampleRate);
    tap.port.onmessage = (event: MessageEvent<Float32Array>) => {
      if (event.data instanceof Float32Array) onAudio(resampler.process(event.data), Date.now());
    };
    // A context made before any user gesture may start suspended; ask to run, without waiting on a prompt.
    if (context.state === 'suspended') void context.resume();
  } catch (err) {
    release();
    throw err;
  }
  for (const track of stream.getAudioTracks()) track.addEventListener('ended', onEnded);
  const handle: MicrophoneHandle = { stop: release };
  return handle;
};
