/**
 * The defaults a namespace's LimitRange gives containers: the `default` (limits) and
 * `defaultRequest` (requests) of its Container items, as LimitRanger reads them.
 */
import type { LimitRangeItem } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import { cloneJson, isPlainObject } from '../../object.js';
import type { LimitRange } from '../../typed-objects.js';
import { defaultLimitRange } from '../defaults/limit-range.js';

/** Default requests and limits, by resource name. */
export interface ContainerDefaults {
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** The LimitRange's items, defaulted as stored LimitRanges are. */
export function limitItems(limitRange: KubeObject): LimitRangeItem[] {
  const defaulted = cloneJson(limitRange) as LimitRange;
  defaultLimitRange(defaulted);
  const limits = defaulted.spec?.limits;
  return Array.isArray(limits) ? limits.filter(isPlainObject) : [];
}

/** defaultContainerResourceRequirements: later Container items override earlier ones. */
export function containerDefaults(limitRange: KubeObject): ContainerDefaults {
  const defaults: ContainerDefaults = { requests: {}, limits: {} };
  for (const item of limitItems(limitRange)) {
    if (item.type !== 'Container') continue;
    Object.assign(defaults.requests, isPlainObject(item.defaultRequest) ? item.defaultRequest : {});
    Object.assign(defaults.limits, isPlainObject(item.default) ? item.default : {});
  }
  return defaults;
}
