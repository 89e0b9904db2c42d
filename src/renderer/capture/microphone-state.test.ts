import { describe, expect, it } from 'vitest';
import { onMicrophone, reportMicrophone } from './microphone-state';

describe('microphone state', () => {
  it('is unknown until this page captures, then follows reports until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = onMicrophone((s) => seen.push(s));
    reportMicrophone('starting');
    reportMicrophone('on');
    off();
    reportMicrophone('off');
    expect(seen).toEqual([null, 'starting', 'on']);
  });
});
