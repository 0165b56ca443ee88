/**
 * When a parsed cron schedule next fires, as robfig/cron's SpecSchedule.Next finds it (the
 * CronJob controller's clock): the first whole minute strictly after `after` whose month,
 * day, hour and minute match, searched on the wall clock of the schedule's time zone (UTC,
 * like a kube-controller-manager in a container, unless a zone is given). Within a DST
 * change the wall time is mapped to the instant with the offset in force just after it.
 */
import type { CronFields, CronSchedule } from './cron-schedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEARS_SEARCHED = 5;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `instant`, written as if it were a UTC time (whole seconds). */
function wallClock(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return instant;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall + (((instant % SECOND) + SECOND) % SECOND);
}

/** The instant at which `timeZone`'s wall clock shows `wall`. */
function instantOf(wall: number, timeZone: string): number {
  if (timeZone === 'UTC') return wall;
  const guess = wall - (wallClock(wall, timeZone) - wall);
  return wall - (wallClock(guess, timeZone) - guess);
}

const at = (t: number) => new Date(t);

function dayMatches(s: CronFields, t: number): boolean {
  const domMatch = s.daysOfMonth.has(at(t).getUTCDate());
  const dowMatch = s.daysOfWeek.has(at(t).getUTCDay());
  return s.dayOfMonthStar || s.dayOfWeekStar ? domMatch && dowMatch : domMatch || dowMatch;
}

/** SpecSchedule.Next on a wall clock kept as UTC milliseconds; NaN when nothing matches within five years. */
function nextWallTime(s: CronFields, after: number): number {
  let t = Math.floor(after / SECOND) * SECOND + SECOND;
  let truncated = false;
  const yearLimit = at(t).getUTCFullYear() + YEARS_SEARCHED;
  const truncate = (unit: number) => {
    if (!truncated) t -= t % unit;
    truncated = true;
  };
  for (;;) {
    if (at(t).getUTCFullYear() > yearLimit) return NaN;
    let wrapped = false;
    while (!wrapped && !s.months.has(at(t).getUTCMonth() + 1)) {
      if (!truncated) t = Date.UTC(at(t).getUTCFullYear(), at(t).getUTCMonth(), 1);
      truncated = true;
      const d = at(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
      wrapped = at(t).getUTCMonth() === 0;
    }
    while (!wrapped && !dayMatches(s, t)) {
      truncate(DAY);
      t += DAY;
      wrapped = at(t).getUTCDate() === 1;
    }
    while (!wrapped && !s.hours.has(at(t).getUTCHours())) {
      truncate(HOUR);
      t += HOUR;
      wrapped = at(t).getUTCHours() === 0;
    }
    while (!wrapped && !s.minutes.has(at(t).getUTCMinutes())) {
      truncate(MINUTE);
      t += MINUTE;
      wrapped = at(t).getUTCMinutes() === 0;
    }
    while (!wrapped && at(t).getUTCSeconds() !== 0) {
      truncate(SECOND);
      t += SECOND;
      wrapped = at(t).getUTCSeconds() === 0;
    }
    if (!wrapped) return t;
  }
}

/**
 * The first time after `after` the schedule fires. A TZ= in the schedule wins over
 * `timeZone`. An impossible schedule (`0 0 30 2 *`) gives undefined, where robfig/cron
 * gives the zero time: it never fires.
 */
export function nextScheduleTime(schedule: CronSchedule, after: Date, timeZone?: string): Date | undefined {
  if (schedule.kind === 'interval') return new Date(Math.floor(after.getTime() / SECOND) * SECOND + schedule.intervalMs);
  const zone = schedule.timeZone ?? timeZone ?? 'UTC';
  const wall = nextWallTime(schedule, wallClock(after.getTime(), zone));
  return Number.isNaN(wall) ? undefined : new Date(instantOf(wall, zone));
}
