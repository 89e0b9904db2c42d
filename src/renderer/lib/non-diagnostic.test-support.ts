/** Words that would make a mood estimate sound like a medical judgement. Shared by the wording tests. */
export const DIAGNOSTIC =
  /depress|disorder|diagnos|symptom|anxiety|mental illness|illness|patient|therap|clinical|treatment|condition|bipolar|patholog|you are (sad|angry)|you're (sad|angry)/i;

/** The strings in `texts` that contain a diagnostic word. */
export function diagnosticIn(texts: readonly string[]): string[] {
  return texts.filter((t) => DIAGNOSTIC.test(t));
}
