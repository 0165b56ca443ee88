/**
 * intstr.IntOrString fields of rolling updates (maxUnavailable, maxSurge): their `%#v`
 * rendering, their value, and ValidatePositiveIntOrPercent, shared by Deployments and DaemonSets.
 */
import type { FieldError } from '../../status.js';
import { invalidRendered } from '../../field-errors.js';
import { isValidPercent } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';

/** intstr.IntOrString as `%#v` prints it. */
export function goIntOrString(value: unknown): string {
  return typeof value === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`
    : `intstr.IntOrString{Type:0, IntVal:${Number(value ?? 0)}, StrVal:""}`;
}

/** The number of a valid percentage ("25%" → 25), else undefined. */
export function percentOf(value: unknown): number | undefined {
  return typeof value === 'string' && isValidPercent(value).length === 0 ? Number(value.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: the percentage's number or the integer. */
export function intOrPercentValue(value: unknown): number {
  return percentOf(value) ?? (typeof value === 'number' ? value : 0);
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return isValidPercent(value).map((message) => invalidRendered(path, goIntOrString(value), message));
  return validateNonNegative(value, path);
}

/** IsNotMoreThan100Percent. */
export function validateNotMoreThan100Percent(value: unknown, path: string): FieldError[] {
  const percent = percentOf(value);
  return percent !== undefined && percent > 100 ? [invalidRendered(path, goIntOrString(value), 'must not be greater than 100%')] : [];
}
