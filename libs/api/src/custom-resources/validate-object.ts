/**
 * Validation of a custom resource against its structural schema, with the field paths and
 * wording kube-apiserver gives (kube-openapi's validator as apiextensions-apiserver reports
 * it), e.g. `spec.replicas: Invalid value: "string": spec.replicas in body must be of type
 * integer: "string"`. A value of the wrong type stops the checks below it, as there.
 */
import { invalidValue, notSupported, required } from '../field-errors.js';
import { isPlainObject } from '../object.js';
import type { FieldError } from '../status.js';
import type { JSONSchemaProps } from './types.js';

/** Field errors of `value` (the whole object) against `schema`; empty when valid. */
export function validateBySchema(value: unknown, schema: JSONSchemaProps): FieldError[] {
  const errors: FieldError[] = [];
  validateNode(value, schema, '', errors, true);
  return errors;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The JSON type name kube-openapi reports for a value: whole numbers are integers. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, actual: string): boolean {
  return type === actual || (type === 'number' && actual === 'integer');
}

function typeError(path: string, expected: string, actual: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field: path, message: `Invalid value: "${actual}": ${path} in body must be of type ${expected}: "${actual}"` };
}

function validateNode(value: unknown, schema: JSONSchemaProps, path: string, errors: FieldError[], root = false): void {
  if (value === null) {
    if (!schema.nullable && (schema.type || schema['x-kubernetes-int-or-string'])) {
      errors.push(typeError(path, schema['x-kubernetes-int-or-string'] ? 'integer,string' : schema.type!, 'null'));
    }
    return;
  }
  const actual = jsonTypeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') return void errors.push(typeError(path, 'integer,string', actual));
  } else if (schema.type && !typeMatches(schema.type, actual)) {
    return void errors.push(typeError(path, schema.type, actual));
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(notSupported(path, value, schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (typeof value === 'number') validateNumber(value, schema, path, errors);
  if (typeof value === 'string') validateString(value, schema, path, errors);
  if (Array.isArray(value)) validateArray(value, schema, path, errors);
  if (isPlainObject(value)) validateObject(value, schema, path, errors, root);
  for (const sub of schema.allOf ?? []) validateNode(value, sub, path, errors);
}

function validateNumber(value: number, s: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const at = `${path} in body`;
  if (s.minimum !== undefined) {
    if (s.exclusiveMinimum && value <= s.minimum) errors.push(invalidValue(path, value, `${at} should be greater than ${s.minimum}`));
    else if (!s.exclusiveMinimum && value < s.minimum) errors.push(invalidValue(path, value, `${at} should be greater than or equal to ${s.minimum}`));
  }
  if (s.maximum !== undefined) {
    if (s.exclusiveMaximum && value >= s.maximum) errors.push(invalidValue(path, value, `${at} should be less than ${s.maximum}`));
    else if (!s.exclusiveMaximum && value > s.maximum) errors.push(invalidValue(path, value, `${at} should be less than or equal to ${s.maximum}`));
  }
  if (s.multipleOf !== undefined && s.multipleOf > 0 && !Number.isInteger(value / s.multipleOf)) {
    errors.push(invalidValue(path, value, `${at} should be a multiple of ${s.multipleOf}`));
  }
}

function validateString(value: string, s: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const at = `${path} in body`;
  const length = [...value].length;
  if (s.maxLength !== undefined && length > s.maxLength) {
    errors.push({ type: 'FieldValueTooLong', field: path, message: `Too long: may not be more than ${s.maxLength} bytes` });
  }
  if (s.minLength !== undefined && length < s.minLength) errors.push(invalidValue(path, value, `${at} should be at least ${s.minLength} chars long`));
  if (s.pattern !== undefined && !patternMatches(s.pattern, value)) errors.push(invalidValue(path, value, `${at} should match '${s.pattern}'`));
  if (s.format && formatCheck[s.format] && !formatCheck[s.format](value)) errors.push(invalidValue(path, value, `${at} must be of type ${s.format}: ${JSON.stringify(value)}`));
}

/** Go's RE2 syntax is close enough to JavaScript's for the patterns CRDs use; an unusable pattern matches nothing. */
function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = (v: string) => v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v) && (v.match(/::/g) ?? []).length <= 1;

/** The string formats kube-apiserver checks for custom resources (k8s.io/kube-openapi strfmt), the simple ones. */
const formatCheck: Record<string, (v: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))),
  uuid: (v) => /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(v),
  byte: (v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0,
  ipv4: (v) => ipv4.test(v),
  ipv6,
  cidr: (v) => { const [ip, bits, extra] = v.split('/'); return extra === undefined && /^\d+$/.test(bits ?? '') && (ipv4.test(ip) ? Number(bits) <= 32 : ipv6(ip) && Number(bits) <= 128); },
  hostname: (v) => v.length <= 255 && /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/.test(v),
  email: (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
  mac: (v) => /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(v),
};

function validateArray(value: unknown[], s: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (s.maxItems !== undefined && value.length > s.maxItems) {
    errors.push({ type: 'FieldValueTooMany', field: path, message: `Too many: ${value.length}: must have at most ${s.maxItems} items` });
  }
  if (s.minItems !== undefined && value.length < s.minItems) errors.push(invalidValue(path, value.length, `${path} in body should have at least ${s.minItems} items`));
  if (s.uniqueItems) {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) errors.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, message: `Duplicate value: ${key}` });
      seen.add(key);
    });
  }
  if (s.items) value.forEach((item, i) => validateNode(item, s.items!, `${path}[${i}]`, errors));
}

function validateObject(value: Record<string, unknown>, s: JSONSchemaProps, path: string, errors: FieldError[], root: boolean): void {
  const count = Object.keys(value).length;
  if (s.maxProperties !== undefined && count > s.maxProperties) {
    errors.push({ type: 'FieldValueTooMany', field: path, message: `Too many: ${count}: must have at most ${s.maxProperties} items` });
  }
  if (s.minProperties !== undefined && count < s.minProperties) errors.push(invalidValue(path, count, `${path} in body should have at least ${s.minProperties} properties`));
  for (const name of s.required ?? []) {
    if (!(name in value)) errors.push(required(join(path, name)));
  }
  if (s['x-kubernetes-embedded-resource']) {
    for (const field of ['apiVersion', 'kind']) if (!value[field]) errors.push(required(join(path, field), 'must not be empty'));
  }
  const additional = isPlainObject(s.additionalProperties) ? (s.additionalProperties as JSONSchemaProps) : undefined;
  for (const [key, child] of Object.entries(value)) {
    if (root && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
    const property = s.properties?.[key] ?? additional;
    if (property) validateNode(child, property, join(path, key), errors);
  }
}
