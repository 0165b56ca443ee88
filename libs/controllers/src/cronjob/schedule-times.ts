/**
 * Which schedule time is due, as Kubernetes' cronjob utils.go works it out: the most
 * recent time in (earliest, now], found without walking every missed time (the gap
 * between the first two times after `earliest` estimates how many were missed), and
 * when to look again.
 */
import type { NextScheduleTime } from './cronjob-actions.js';

/** How many times were missed: more than 100 is "many" (Kubernetes warns about it). */
export type MissedSchedules = 'none' | 'few' | 'many';

/** The most recent due time (if any), how many were missed, and whether the schedule is unusable. */
export interface ScheduleLookup {
  mostRecent?: Date;
  missed: MissedSchedules;
  invalid?: string;
}

const TOO_MANY_MISSED = 100;

/** Wall margin Kubernetes adds to a requeue so a slightly early clock still sees the time as due. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

const INVALID = 'time difference between two schedules is less than 1 second';

/** The most recent schedule time after `earliest` and not after `now`. */
export function mostRecentScheduleTime(earliest: Date, now: Date, next: NextScheduleTime): ScheduleLookup {
  const t1 = next(earliest);
  if (t1 && now < t1) return { missed: 'none' };
  const t2 = t1 && next(t1);
  if (t1 && t2 && now < t2) return { mostRecent: t1, missed: 'none' };
  const secondsBetween = t1 && t2 ? Math.round((t2.getTime() - t1.getTime()) / 1000) : 0;
  if (!t1 || secondsBetween < 1) return { missed: 'none', invalid: INVALID };

  const elapsedSeconds = Math.trunc((now.getTime() - t1.getTime()) / 1000);
  const missedCount = Math.floor(elapsedSeconds / secondsBetween) + 1;
  const potentialEarliest = new Date(t1.getTime() + (missedCount - 2) * secondsBetween * 1000);
  let mostRecent: Date | undefined;
  for (let t = next(potentialEarliest); t && t <= now; t = next(t)) mostRecent = t;
  return { mostRecent, missed: missedCount > TOO_MANY_MISSED ? 'many' : 'few' };
}

/**
 * When to sync again (Kubernetes' nextScheduleTimeDuration): the schedule time after
 * the most recent one since `earliest` (after now when some were missed but none is
 * found, or the schedule is unusable), plus the margin.
 */
export function nextSyncTime(earliest: Date, now: Date, next: NextScheduleTime): Date | undefined {
  const { mostRecent, missed, invalid } = mostRecentScheduleTime(earliest, now, next);
  const from = invalid ? now : (mostRecent ?? (missed === 'none' ? earliest : now));
  const upcoming = next(from);
  return upcoming && new Date(upcoming.getTime() + NEXT_SCHEDULE_DELTA_MS);
}
