/**
 * Builders for field errors with Kubernetes' exact wording (k8s.io/apimachinery
 * pkg/util/validation/field), so 422 replies read as a real cluster's do.
 */
import type { FieldError } from './status.js';

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `Required value` (optionally with a detail). */
export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' };
}

/** `Invalid value: "x": detail`. */
export function invalidValue(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${show(value)}${detail ? `: ${detail}` : ''}` };
}

/** `Forbidden: detail`. */
export function forbiddenField(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

/** `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${show(value)}: supported values: ${list}` };
}

/** `Duplicate value: "x"`. */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${show(value)}` };
}

/** `Too long: may not be more than N bytes` (newer wording used by 1.32). */
export function tooLong(field: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` };
}

/** `Not found: "x"` (a reference to something that does not exist, e.g. a volume mount's volume). */
export function notFoundValue(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${show(value)}` };
}

/** `Invalid value: <rendered>: detail` for values Kubernetes prints in Go syntax
 * (`map[string]string{"app":"x"}`, `v1.LabelSelector{...}`), already rendered by the caller. */
export function invalidRendered(field: string, rendered: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${rendered}${detail ? `: ${detail}` : ''}` };
}

/** `Duplicate value: <rendered>` for a duplicate Kubernetes prints in Go syntax (e.g. a service port key). */
export function duplicateRendered(field: string, rendered: string): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${rendered}` };
}
