import type { MoodLabel } from '../../shared/labels';

/**
 * One colour per label, mid-tone so it reads on both the light and the dark theme.
 * Used for chart points (canvas cannot read CSS classes) and, through a CSS custom property, for the live mood.
 */
export const LABEL_COLORS: Record<MoodLabel, string> = {
  neutral: '#8c96a8',
  happy: '#e3a82b',
  sad: '#4f86d9',
  angry: '#dc5d57',
  fearful: '#9470d6',
  disgusted: '#4fa274',
  surprised: '#e5813f',
  unknown: '#a9b0bd',
};

export function labelColor(label: MoodLabel): string {
  return LABEL_COLORS[label];
}
