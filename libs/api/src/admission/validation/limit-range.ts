/**
 * LimitRange validation (ValidateLimitRange): limit types, resource names per type,
 * parseable quantities and consistent min ≤ defaultRequest ≤ default ≤ max.
 */
import type { LimitRangeItem } from 'kubernetes-types/core/v1';
import type { LimitRange } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidValue, required } from '../../field-errors.js';
import type { Quantity } from '../quantity.js';
import { formatQuantity, milliValue } from '../quantity.js';
import { child, index, key } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isQualifiedName, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { isOvercommitAllowed, validateContainerResourceName, validateResourceName } from './resource-names.js';
import { parseQuantityField } from './resources.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const STANDARD_LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const BOUNDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
type Bound = (typeof BOUNDS)[number];

function validateTypeName(type: string, path: string): FieldError[] {
  const errors = isQualifiedName(type).map((message) => invalidValue(path, type, message));
  if (errors.length > 0) return errors;
  return !type.includes('/') && !STANDARD_LIMIT_TYPES.has(type) ? [invalidValue(path, type, 'must be a standard limit type or fully qualified')] : [];
}

function validateNameFor(type: string | undefined, name: string, path: string): FieldError[] {
  return type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, path) : validateResourceName(name, path);
}

/** Parses one bound (max, min, …) of an item, reporting names and quantities. */
function parseBound(item: Partial<LimitRangeItem>, bound: Bound, path: string, errors: FieldError[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  const values = item[bound];
  const list = isStruct(values) ? values : {};
  for (const [name, value] of Object.entries(list)) {
    const fieldPath = key(child(path, bound), name);
    errors.push(...validateNameFor(item.type, name, fieldPath));
    const quantity = parseQuantityField(value, fieldPath, errors);
    if (quantity) parsed.set(name, quantity);
  }
  return parsed;
}

function crossCheck(resource: string, bounds: Record<Bound, Map<string, Quantity>>, path: string): FieldError[] {
  const [min, max, def, defReq, ratio] = (['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const).map((b) => bounds[b].get(resource));
  const at = (bound: Bound) => key(child(path, bound), resource);
  const text = (q: Quantity) => formatQuantity(q);
  const errors: FieldError[] = [];
  if (min && max && min.nanos > max.nanos) errors.push(invalidValue(at('min'), text(min), `min value ${text(min)} is greater than max value ${text(max)}`));
  if (defReq && min && min.nanos > defReq.nanos) errors.push(invalidValue(at('defaultRequest'), text(defReq), `min value ${text(min)} is greater than default request value ${text(defReq)}`));
  if (defReq && max && defReq.nanos > max.nanos) errors.push(invalidValue(at('defaultRequest'), text(defReq), `default request value ${text(defReq)} is greater than max value ${text(max)}`));
  if (defReq && def && defReq.nanos > def.nanos) errors.push(invalidValue(at('defaultRequest'), text(defReq), `default request value ${text(defReq)} is greater than default limit value ${text(def)}`));
  if (def && min && min.nanos > def.nanos) errors.push(invalidValue(at('default'), text(min), `min value ${text(min)} is greater than default value ${text(def)}`));
  if (def && max && def.nanos > max.nanos) errors.push(invalidValue(at('default'), text(max), `default value ${text(def)} is greater than max value ${text(max)}`));
  if (ratio && ratio.nanos < 1_000_000_000n) errors.push(invalidValue(at('maxLimitRequestRatio'), text(ratio), `ratio ${text(ratio)} is less than 1`));
  if (ratio && min && max) {
    const limit = Number(milliValue(max)) / Number(milliValue(min));
    if (Number(milliValue(ratio)) / 1000 > limit) {
      errors.push(invalidValue(at('maxLimitRequestRatio'), text(ratio), `ratio ${text(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
    }
  }
  if (!isOvercommitAllowed(resource) && def && defReq && def.nanos !== defReq.nanos) {
    errors.push(invalidValue(at('defaultRequest'), text(defReq), `default value ${text(def)} must equal to defaultRequest value ${text(defReq)} in ${resource}`));
  }
  return errors;
}

function validateItem(item: Partial<LimitRangeItem>, path: string, seenTypes: Set<string>): FieldError[] {
  const type = String(item.type ?? '');
  const errors = validateTypeName(type, child(path, 'type'));
  if (seenTypes.has(type)) errors.push(duplicate(child(path, 'type'), type));
  seenTypes.add(type);
  const bounds = {} as Record<Bound, Map<string, Quantity>>;
  bounds.max = parseBound(item, 'max', path, errors);
  bounds.min = parseBound(item, 'min', path, errors);
  if (type === 'Pod') {
    bounds.default = new Map();
    bounds.defaultRequest = new Map();
    if (isStruct(item.default) && Object.keys(item.default).length > 0) errors.push(forbiddenField(child(path, 'default'), "may not be specified when `type` is 'Pod'"));
    if (isStruct(item.defaultRequest) && Object.keys(item.defaultRequest).length > 0) {
      errors.push(forbiddenField(child(path, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    }
  } else {
    bounds.default = parseBound(item, 'default', path, errors);
    bounds.defaultRequest = parseBound(item, 'defaultRequest', path, errors);
  }
  if (type === 'PersistentVolumeClaim' && !bounds.min.has('storage') && !bounds.max.has('storage')) {
    errors.push(required(child(path, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  bounds.maxLimitRequestRatio = parseBound(item, 'maxLimitRequestRatio', path, errors);
  const resources = new Set(BOUNDS.flatMap((bound) => [...bounds[bound].keys()]));
  for (const resource of resources) errors.push(...crossCheck(resource, bounds, path));
  return errors;
}

function validateLimitRange(limitRange: LimitRange): FieldError[] {
  const seenTypes = new Set<string>();
  const limits = listOf(limitRange.spec?.limits);
  return limits.flatMap((item, i) => validateItem(item ?? {}, index('spec.limits', i), seenTypes));
}

/** Checks a LimitRange being created. */
export function validateLimitRangeCreate(limitRange: LimitRange): FieldError[] {
  return [...validateObjectMeta(limitRange.metadata, META), ...validateLimitRange(limitRange)];
}

/** Checks a LimitRange update (same rules as create, plus immutable identity). */
export function validateLimitRangeUpdate(limitRange: LimitRange, old: LimitRange): FieldError[] {
  return [...validateObjectMetaUpdate(limitRange.metadata, old.metadata, META), ...validateLimitRangeCreate(limitRange)];
}
