/**
 * A pod's resource totals as resourcehelper.PodRequests / PodLimits add them up, shared by
 * the LimitRanger (its Pod-type bounds) and the ResourceQuota plugin (what a pod consumes).
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../object.js';
import type { Quantity } from './quantity.js';
import { addQuantities, quantityError, toQuantity } from './quantity.js';

/** A ResourceList by name: the quantities of requests, limits, a quota's hard or used. */
export type ResourceList = Map<string, Quantity>;

/** The well-formed quantities of a requests/limits object; malformed ones are left to validation. */
export function parseResourceList(list: unknown): ResourceList {
  const parsed: ResourceList = new Map();
  if (!isPlainObject(list)) return parsed;
  for (const [name, value] of Object.entries(list)) {
    if (quantityError(value) === undefined) parsed.set(name, toQuantity(value));
  }
  return parsed;
}

/** Adds `list` into `total` in place, as quota.Add does for each resource. */
export function addResourceList(total: ResourceList, list: ResourceList): void {
  for (const [name, quantity] of list) total.set(name, total.has(name) ? addQuantities(total.get(name)!, quantity) : quantity);
}

function takeMax(total: ResourceList, list: ResourceList): void {
  for (const [name, quantity] of list) {
    const current = total.get(name);
    if (!current || quantity.nanos > current.nanos) total.set(name, quantity);
  }
}

/**
 * podRequests / podLimits without overhead: regular containers and sidecars add up; plain init
 * containers count by their peak (each with the sidecars started before it).
 */
export function podResourceTotal(spec: Partial<PodSpec>, field: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const container of Array.isArray(spec.containers) ? spec.containers : []) addResourceList(total, parseResourceList(container?.resources?.[field]));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const container of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    const own = parseResourceList(container?.resources?.[field]);
    if (container?.restartPolicy === 'Always') {
      addResourceList(total, own);
      addResourceList(sidecars, own);
      takeMax(initPeak, sidecars);
    } else {
      const during: ResourceList = new Map();
      addResourceList(during, own);
      addResourceList(during, sidecars);
      takeMax(initPeak, during);
    }
  }
  takeMax(total, initPeak);
  return total;
}
