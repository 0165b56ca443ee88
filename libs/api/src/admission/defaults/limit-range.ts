/**
 * LimitRange defaults (SetDefaults_LimitRangeItem): for Container items the default
 * limit falls back to max, and the default request to the default limit, then to min.
 */
import type { LimitRangeItem } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { LimitRange } from '../../typed-objects.js';
import { canonicalizeResourceList } from './resource-list.js';

type ResourceList = NonNullable<LimitRangeItem['max']>;

const BOUNDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

function fillMissing(target: ResourceList, source: ResourceList | undefined): void {
  if (!isPlainObject(source)) return;
  for (const [name, value] of Object.entries(source)) {
    if (!(name in target)) target[name] = value;
  }
}

function defaultItem(item: LimitRangeItem): void {
  if (!isPlainObject(item)) return;
  for (const bound of BOUNDS) canonicalizeResourceList(item[bound]);
  if (item.type !== 'Container') return;
  const defaults = isPlainObject(item.default) ? item.default : {};
  const defaultRequests = isPlainObject(item.defaultRequest) ? item.defaultRequest : {};
  fillMissing(defaults, item.max);
  fillMissing(defaultRequests, defaults);
  fillMissing(defaultRequests, item.min);
  if (Object.keys(defaults).length > 0) item.default = defaults;
  if (Object.keys(defaultRequests).length > 0) item.defaultRequest = defaultRequests;
}

/** Fills a LimitRange's defaults in place. */
export function defaultLimitRange(limitRange: LimitRange): void {
  const limits = limitRange.spec?.limits;
  for (const item of Array.isArray(limits) ? limits : []) defaultItem(item);
}
