import { describe, expect, it } from 'vitest';
import type { CronSchedule } from './cron-schedule.js';
import { parseCronSchedule } from './cron-schedule.js';
import { parseGoDuration } from './go-duration.js';
import { nextScheduleTime } from './next-schedule-time.js';

function parsed(text: string): CronSchedule {
  const result = parseCronSchedule(text);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.schedule;
}

const next = (text: string, after: string, timeZone?: string) => nextScheduleTime(parsed(text), new Date(after), timeZone)?.toISOString();

describe('parseCronSchedule', () => {
  it.each([
    ['*/15 * * * *', [0, 15, 30, 45]],
    ['5,10-12 * * * *', [5, 10, 11, 12]],
    ['10/20 * * * *', [10, 30, 50]],
    ['1-10/3 * * * *', [1, 4, 7, 10]],
  ])('reads the minutes of %s', (text, minutes) => {
    const schedule = parsed(text);
    expect(schedule.kind === 'fields' && [...schedule.minutes]).toEqual(minutes);
  });

  it('reads month and weekday names in any case, and ? as *', () => {
    const schedule = parsed('0 9 ? jan-MAR Mon-fri');
    expect(schedule.kind === 'fields' && [[...schedule.months], [...schedule.daysOfWeek], schedule.dayOfMonthStar]).toEqual([[1, 2, 3], [1, 2, 3, 4, 5], true]);
  });

  it('keeps the star of */1 but not of */2', () => {
    const one = parsed('0 0 */1 * 1');
    const two = parsed('0 0 */2 * 1');
    expect([one.kind === 'fields' && one.dayOfMonthStar, two.kind === 'fields' && two.dayOfMonthStar]).toEqual([true, false]);
  });

  it('reads a leading TZ= or CRON_TZ=', () => {
    expect(parsed('TZ=Europe/Paris 0 9 * * *').timeZone).toBe('Europe/Paris');
    expect(parsed('CRON_TZ=Asia/Tokyo @daily').timeZone).toBe('Asia/Tokyo');
  });

  it('reads @every as a whole number of seconds, at least one', () => {
    expect(parsed('@every 1h30m')).toEqual({ kind: 'interval', intervalMs: 5_400_000 });
    expect(parsed('@every 10ms')).toEqual({ kind: 'interval', intervalMs: 1000 });
  });

  it.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * * funday', 'failed to parse int from funday: strconv.Atoi: parsing "funday": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ['TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('refuses %j', (text, error) => {
    expect(parseCronSchedule(text)).toEqual({ ok: false, errors: [error] });
  });
});

describe('nextScheduleTime', () => {
  it.each([
    ['*/15 * * * *', '2025-03-10T10:07:30Z', '2025-03-10T10:15:00.000Z'],
    ['*/15 * * * *', '2025-03-10T10:15:00Z', '2025-03-10T10:30:00.000Z'],
    ['*/1 * * * *', '2025-03-10T10:15:59.999Z', '2025-03-10T10:16:00.000Z'],
    ['0 9 * * 1-5', '2025-03-07T09:00:00Z', '2025-03-10T09:00:00.000Z'],
    ['@hourly', '2025-03-10T10:59:59Z', '2025-03-10T11:00:00.000Z'],
    ['@daily', '2025-12-31T23:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['@yearly', '2025-06-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['@weekly', '2025-03-10T00:00:00Z', '2025-03-16T00:00:00.000Z'],
    ['@monthly', '2025-01-31T12:00:00Z', '2025-02-01T00:00:00.000Z'],
    ['0 0 29 2 *', '2025-01-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['30 4 31 * *', '2025-04-01T00:00:00Z', '2025-05-31T04:30:00.000Z'],
  ])('%s after %s is %s', (text, after, expected) => {
    expect(next(text, after)).toBe(expected);
  });

  it('ORs day-of-month and day-of-week when both are restricted, as robfig/cron does', () => {
    expect(next('0 0 13 * 5', '2025-06-01T00:00:00Z')).toBe('2025-06-06T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2025-06-07T00:00:00Z')).toBe('2025-06-13T00:00:00.000Z');
  });

  it('ANDs them when either is a star', () => {
    expect(next('0 0 */1 * 5', '2025-06-01T00:00:00Z')).toBe('2025-06-06T00:00:00.000Z');
    expect(next('0 0 13 * *', '2025-06-01T00:00:00Z')).toBe('2025-06-13T00:00:00.000Z');
  });

  it('reads the schedule on the wall clock of a time zone', () => {
    expect(next('0 9 * * *', '2025-01-15T12:00:00Z', 'America/New_York')).toBe('2025-01-15T14:00:00.000Z');
    expect(next('0 9 * * *', '2025-07-15T12:00:00Z', 'America/New_York')).toBe('2025-07-15T13:00:00.000Z');
    expect(next('TZ=Asia/Tokyo 30 8 * * *', '2025-01-15T00:00:00Z')).toBe('2025-01-15T23:30:00.000Z');
  });

  it('counts @every from the whole second before', () => {
    expect(next('@every 90s', '2025-03-10T10:00:00.700Z')).toBe('2025-03-10T10:01:30.000Z');
  });

  it('gives undefined for a schedule that never fires', () => {
    expect(nextScheduleTime(parsed('0 0 30 2 *'), new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['-2m', -120_000],
    ['250ms', 250],
    ['10', undefined],
    ['1d', undefined],
    ['', undefined],
  ])('%j is %j ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});
