/**
 * A CronJob's timeZone (validateTimeZone): an explicit IANA name as Go's time.LoadLocation
 * finds it in the zone database, checked here against the runtime's ICU zone data.
 */
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';

/** One path component of an IANA name: letters, digits, `.`, `-`, `_`, `+`, at most 14 characters. */
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** The canonical name the runtime knows the zone by, or undefined when it knows none. */
function resolvedZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether Go would load the zone: ICU knows it, under this exact spelling (Go's zone files are case-sensitive). */
export function isLoadableTimeZone(name: string): boolean {
  const resolved = resolvedZone(name);
  if (resolved === undefined) return false;
  return resolved === name || resolved.toLowerCase() !== name.toLowerCase() || Intl.supportedValuesOf('timeZone').includes(name);
}

/** Errors for a timeZone field (unset is fine). */
export function validateTimeZone(timeZone: unknown, path: string): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const name = String(timeZone);
  if (name === '') return [invalidValue(path, name, 'timeZone must be nil or non-empty string')];
  if (name.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !ZONE_PART.test(part))) {
    return [invalidValue(path, name, `unknown time zone ${name}`)];
  }
  if (name.toLowerCase() === 'local') return [invalidValue(path, name, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return isLoadableTimeZone(name) ? [] : [invalidValue(path, name, `unknown time zone ${name}`)];
}
