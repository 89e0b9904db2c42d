import { describe, expect, it } from 'vitest';
import {
  localDay,
  localMinuteOfDay,
  notifyNow,
  reminderDue,
  reminderStart,
  type ReminderInput,
} from './check-in-reminder';

const at = (minuteOfDay: number): ReminderInput => ({
  remindAt: 20 * 60,
  now: 0,
  minuteOfDay,
  day: '2026-12-05',
  handledDay: null,
});

describe('reminderDue', () => {
  it('is off by default: no time chosen, no nudge at any time of day', () => {
    for (const m of [0, 600, 1200, 1439]) expect(reminderDue({ ...at(m), remindAt: null })).toBe(false);
  });
  it('comes at the chosen time and stays for the rest of the day', () => {
    expect(reminderDue(at(20 * 60 - 1))).toBe(false);
    expect(reminderDue(at(20 * 60))).toBe(true);
    expect(reminderDue(at(23 * 60 + 59))).toBe(true);
  });
  it('comes once a day: answered today means no nudge until tomorrow', () => {
    expect(reminderDue({ ...at(21 * 60), handledDay: '2026-12-05' })).toBe(false);
    expect(reminderDue({ ...at(21 * 60), day: '2026-12-06', handledDay: '2026-12-05' })).toBe(true);
  });
});

describe('notifyNow', () => {
  it('notifies only a hidden tab, once a day', () => {
    expect(notifyNow(false, '2026-12-05', null)).toBe(false);
    expect(notifyNow(true, '2026-12-05', null)).toBe(true);
    expect(notifyNow(true, '2026-12-05', '2026-12-05')).toBe(false);
    expect(notifyNow(true, '2026-12-06', '2026-12-05')).toBe(true);
  });
});

describe('clock helpers', () => {
  it('find today’s reminder instant from now', () => {
    const now = new Date(2026, 11, 5, 20, 30, 15).getTime();
    const m = localMinuteOfDay(now);
    expect(m).toBe(20 * 60 + 30);
    expect(reminderStart(now, m, 20 * 60)).toBe(new Date(2026, 11, 5, 20, 0, 0).getTime());
    expect(localDay(now)).toBe('2026-12-05');
  });
});
