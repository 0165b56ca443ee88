/**
 * ValidateNonnegativeField: `Invalid value: -1: must be greater than or equal to 0`,
 * the most common numeric rule of workload specs.
 */
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';

/** No error when the value is unset or at least 0. */
export function validateNonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidValue(path, value, 'must be greater than or equal to 0')] : [];
}
