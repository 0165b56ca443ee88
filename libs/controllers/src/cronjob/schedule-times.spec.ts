import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, nextSyncTime } from './schedule-times.js';
import type { NextScheduleTime } from './cronjob-actions.js';

const T0 = new Date('2025-01-01T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const every = (n: number): NextScheduleTime => (after) => new Date((Math.floor(after.getTime() / (n * 60_000)) + 1) * n * 60_000);

/** Weekdays 09:00 and 17:00 UTC: uneven gaps, so the missed-count estimate is only a guess. */
const twiceADay: NextScheduleTime = (after) => {
  for (let t = Math.floor(after.getTime() / 3_600_000 + 1) * 3_600_000; ; t += 3_600_000) {
    const d = new Date(t);
    if ((d.getUTCHours() === 9 || d.getUTCHours() === 17) && d.getUTCDay() !== 0 && d.getUTCDay() !== 6) return d;
  }
};

describe('mostRecentScheduleTime', () => {
  it.each([
    { given: 'nothing due yet', earliest: 0, now: 4, next: every(5), then: { missed: 'none' } },
    { given: 'exactly at the time', earliest: 0, now: 5, next: every(5), then: { mostRecent: minutes(5), missed: 'none' } },
    { given: 'one due', earliest: 0, now: 9, next: every(5), then: { mostRecent: minutes(5), missed: 'none' } },
    { given: 'a few missed', earliest: 0, now: 17, next: every(5), then: { mostRecent: minutes(15), missed: 'few' } },
    { given: '100 missed', earliest: 0, now: 500, next: every(5), then: { mostRecent: minutes(500), missed: 'few' } },
    { given: '101 missed', earliest: 0, now: 505, next: every(5), then: { mostRecent: minutes(505), missed: 'many' } },
  ])('$given', ({ earliest, now, next, then }) => {
    expect(mostRecentScheduleTime(minutes(earliest), minutes(now), next)).toEqual(then);
  });

  it('finds the most recent time of an uneven schedule', () => {
    const friday = new Date('2025-01-03T08:00:00Z');
    const tuesday = new Date('2025-01-07T12:00:00Z');
    expect(mostRecentScheduleTime(friday, tuesday, twiceADay).mostRecent).toEqual(new Date('2025-01-07T09:00:00Z'));
  });

  it('calls a schedule with less than a second between times invalid', () => {
    const burst: NextScheduleTime = (after) => new Date(after.getTime() + 1);
    expect(mostRecentScheduleTime(minutes(0), minutes(1), burst)).toEqual({ missed: 'none', invalid: 'time difference between two schedules is less than 1 second' });
  });
});

describe('nextSyncTime', () => {
  it.each([
    { given: 'nothing due yet', earliest: 0, now: 3, then: 5 },
    { given: 'just ran the due time', earliest: 5, now: 6, then: 10 },
    { given: 'a time is due', earliest: 0, now: 7, then: 10 },
    { given: 'many missed', earliest: 0, now: 1001, then: 1005 },
  ])('$given → the next time plus 100 ms', ({ earliest, now, then }) => {
    expect(nextSyncTime(minutes(earliest), minutes(now), every(5))).toEqual(new Date(minutes(then).getTime() + 100));
  });

  it('is undefined when the schedule never fires again', () => {
    expect(nextSyncTime(minutes(0), minutes(1), () => undefined)).toBeUndefined();
  });
});
