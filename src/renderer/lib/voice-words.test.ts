import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../shared/labels';
import type { VoiceReading } from '../../shared/mood';
import { isListening, microphoneWords, voiceWords } from './voice-words';

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

  it('claims no reading while the microphone is refused or paused', () => {
    const at = (): string => '10:02';
    expect(voiceWords(null, false)).toBe('Not listening now, so there is no voice reading.');
    expect(voiceWords(reading('sad'), false, at)).toBe(
      'Not listening now, so there is no voice reading. When last heard, at 10:02, your voice sounded low.',
    );
    expect(voiceWords(reading('sad'), false, at)).not.toMatch(/sounds/);
    expect(isListening('denied', false)).toBe(false);
    expect(isListening('on', true)).toBe(false);
    expect(isListening('on', false)).toBe(true);
    expect(isListening(null, false)).toBe(true);
  });

  it('names the microphone state, with pause first', () => {
    expect(microphoneWords('on', false)).toBe('Microphone on');
    expect(microphoneWords('on', true)).toBe('Microphone paused');
    expect(microphoneWords('denied', false)).toBe('Microphone access was refused');
  });
});
