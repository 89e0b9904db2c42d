import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../shared/labels';
import type { VoiceReading } from '../../shared/mood';
import { microphoneWords, voiceWords } from './voice-words';

const reading = (label: VoiceReading['label']): VoiceReading => ({
  startMs: 0,
  endMs: 1_000,
  label,
  probs: probsFromVector([1, 0, 0, 0, 0, 0, 0]),
  valence: 0,
  arousal: 0,
  confidence: 0.5,
});

describe('voice words', () => {
  it('describes how the voice sounds, and says so when it cannot tell', () => {
    expect(voiceWords(null)).toBe('No voice heard yet.');
    expect(voiceWords(reading('neutral'))).toBe('Your voice sounds calm.');
    expect(voiceWords(reading('happy'))).toBe('Your voice sounds bright.');
    expect(voiceWords(reading('unknown'))).toBe('Your voice was hard to read just now.');
  });

  it('names the microphone state, with pause first', () => {
    expect(microphoneWords('on', false)).toBe('Microphone on');
    expect(microphoneWords('on', true)).toBe('Microphone paused');
    expect(microphoneWords('denied', false)).toBe('Microphone access was refused');
  });
});
