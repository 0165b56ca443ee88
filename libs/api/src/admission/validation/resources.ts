/**
 * Container resource requirements (validateResourceRequirements): names, parseable and
 * non-negative quantities, requests not above limits, and the hugepage/extended rules.
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, required } from '../../field-errors.js';
import type { Quantity } from '../quantity.js';
import { formatQuantity, toQuantity } from '../quantity.js';
import { child, key } from './field-path.js';
import { isStruct } from './fields.js';
import { isHugePageResourceName, isIntegerResourceName, isOvercommitAllowed, validateContainerResourceName } from './resource-names.js';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** Parses a quantity field, reporting the decoder's message as a field error when it is not one. */
export function parseQuantityField(value: unknown, path: string, errors: FieldError[]): Quantity | undefined {
  try {
    return toQuantity(value);
  } catch (error) {
    errors.push(invalidValue(path, value, (error as Error).message));
    return undefined;
  }
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources. */
export function validateQuantityValue(resource: string, quantity: Quantity, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (quantity.nanos < 0n) errors.push(invalidValue(path, formatQuantity(quantity), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && quantity.nanos % 1_000_000_000n !== 0n) {
    errors.push(invalidValue(path, formatQuantity(quantity), 'must be an integer'));
  }
  return errors;
}

function parseEntry(name: string, value: unknown, fieldPath: string, errors: FieldError[]): Quantity | undefined {
  errors.push(...validateContainerResourceName(name, fieldPath));
  const quantity = parseQuantityField(value, fieldPath, errors);
  if (quantity) errors.push(...validateQuantityValue(name, quantity, fieldPath));
  return quantity;
}

function compareRequestToLimit(name: string, request: Quantity, limits: Map<string, Quantity>, limitsPath: string, requestsPath: string): FieldError[] {
  const limit = limits.get(name);
  if (!limit) return isOvercommitAllowed(name) ? [] : [required(limitsPath, 'Limit must be set for non overcommitable resources')];
  if (request.nanos !== limit.nanos && !isOvercommitAllowed(name)) {
    return [invalidValue(requestsPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`)];
  }
  if (request.nanos > limit.nanos) {
    return [invalidValue(requestsPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`)];
  }
  return [];
}

/** Checks a container's `resources`. */
export function validateResourceRequirements(resources: ResourceRequirements | undefined, path: string): FieldError[] {
  const r: ResourceRequirements = isStruct(resources) ? resources : {};
  const limitsPath = child(path, 'limits');
  const requestsPath = child(path, 'requests');
  const errors: FieldError[] = [];
  const limits = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(isStruct(r.limits) ? r.limits : {})) {
    const quantity = parseEntry(name, value, key(limitsPath, name), errors);
    if (quantity) limits.set(name, quantity);
  }
  const requests = isStruct(r.requests) ? r.requests : {};
  const requestNames = Object.keys(requests);
  for (const name of requestNames) {
    const quantity = parseEntry(name, requests[name], key(requestsPath, name), errors);
    if (quantity) errors.push(...compareRequestToLimit(name, quantity, limits, limitsPath, requestsPath));
  }
  const names = [...limits.keys(), ...requestNames];
  if (names.some(isHugePageResourceName) && !names.some((name) => QOS_RESOURCES.has(name))) {
    errors.push(forbiddenField(path, 'HugePages require cpu or memory'));
  }
  return errors;
}
