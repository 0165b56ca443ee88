/**
 * CronJob schedules as kube-apiserver and the CronJob controller read them: robfig/cron v3's
 * ParseStandard (five fields, ranges, steps, lists, month and weekday names, `?`, the
 * @yearly … @hourly descriptors, `@every <duration>` and a leading TZ=/CRON_TZ=), with its
 * error wording, because validation quotes it in `spec.schedule: Invalid value: …`.
 */
import { parseGoDuration } from './go-duration.js';

/** Five cron fields as sets of allowed values (weekday 0 = Sunday). */
export interface CronFields {
  kind: 'fields';
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Day fields written as `*` or `?` (step 1): robfig/cron then ANDs the day fields instead of ORing them. */
  dayOfMonthStar: boolean;
  dayOfWeekStar: boolean;
  /** The zone named by a leading TZ= or CRON_TZ=, if any. */
  timeZone?: string;
}

/** `@every <duration>`: a fixed interval in whole seconds (at least one). */
export interface CronInterval {
  kind: 'interval';
  intervalMs: number;
  timeZone?: string;
}

export type CronSchedule = CronFields | CronInterval;

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; errors: string[] };

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) };
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) };

/** The descriptors robfig/cron knows, as the five fields they stand for. */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronError extends Error {}

/** strconv.Atoi, with Go's error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  return value;
}

function nonNegativeInt(text: string): number {
  const value = atoi(text);
  if (value < 0) throw new CronError(`negative number (${value}) not allowed: ${text}`);
  return value;
}

function intOrName(text: string, bounds: Bounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? nonNegativeInt(text);
}

/** One comma-separated part: `*`, `?`, `n`, `a-b`, each optionally `/step`. Returns its values and whether it is a star. */
function parseRange(expr: string, bounds: Bounds): { values: number[]; star: boolean } {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [bounds.min, bounds.max, true];
  } else {
    start = intOrName(lowAndHigh[0], bounds);
    if (lowAndHigh.length > 2) throw new CronError(`too many hyphens: ${expr}`);
    end = lowAndHigh.length === 2 ? intOrName(lowAndHigh[1], bounds) : start;
  }
  let step = 1;
  if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (rangeAndStep.length === 2) {
    step = nonNegativeInt(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step > 1) star = false;
  }
  if (start < bounds.min) throw new CronError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

function parseField(field: string, bounds: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((part) => part !== '')) {
    const range = parseRange(expr, bounds);
    range.values.forEach((v) => values.add(v));
    star ||= range.star;
  }
  return { values, star };
}

function parseFields(spec: string, timeZone: string | undefined): CronFields {
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const daysOfMonth = parseField(fields[2], DAYS_OF_MONTH);
  const daysOfWeek = parseField(fields[4], DAYS_OF_WEEK);
  return {
    kind: 'fields',
    minutes: parseField(fields[0], MINUTES).values,
    hours: parseField(fields[1], HOURS).values,
    daysOfMonth: daysOfMonth.values,
    months: parseField(fields[3], MONTHS).values,
    daysOfWeek: daysOfWeek.values,
    dayOfMonthStar: daysOfMonth.star,
    dayOfWeekStar: daysOfWeek.star,
    ...(timeZone === undefined ? {} : { timeZone }),
  };
}

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Splits off a leading `TZ=zone ` or `CRON_TZ=zone `. */
function splitTimeZone(spec: string): { timeZone?: string; rest: string } {
  if (!spec.startsWith('TZ=') && !spec.startsWith('CRON_TZ=')) return { rest: spec };
  const space = spec.indexOf(' ');
  const zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
  if (space < 0 || zone === '' || !isKnownTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
  return { timeZone: zone, rest: spec.slice(space).trim() };
}

function parseDescriptor(descriptor: string, timeZone: string | undefined): CronSchedule {
  if (Object.hasOwn(DESCRIPTORS, descriptor)) return parseFields(DESCRIPTORS[descriptor], timeZone);
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const duration = parseGoDuration(descriptor.slice(every.length));
    if (duration === undefined) throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(descriptor.slice(every.length))}`);
    const seconds = Math.max(1, Math.floor(duration / 1000));
    return { kind: 'interval', intervalMs: seconds * 1000, ...(timeZone === undefined ? {} : { timeZone }) };
  }
  throw new CronError(`unrecognized descriptor: ${descriptor}`);
}

/** Parses a schedule as cron.ParseStandard does; on failure, its one error message. */
export function parseCronSchedule(text: string): CronParseResult {
  try {
    if (text.length === 0) throw new CronError('empty spec string');
    const { timeZone, rest } = splitTimeZone(text);
    const schedule = rest.startsWith('@') ? parseDescriptor(rest, timeZone) : parseFields(rest, timeZone);
    return { ok: true, schedule };
  } catch (e) {
    if (e instanceof CronError) return { ok: false, errors: [e.message] };
    throw e;
  }
}
