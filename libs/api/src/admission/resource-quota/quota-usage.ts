/**
 * What a quota has used of one kind's resources (CalculateUsageStats): zero for each
 * limited resource the kind feeds, plus the usage of each object within the quota's
 * scopes. The quota controller records it as status.used; admission adds the new
 * object to it.
 */
import type { KubeObject } from '../../object.js';
import type { ResourceList } from '../pod-resources.js';
import { addQuantities, formatQuantity, type Quantity } from '../quantity.js';
import { hardResourceNames, quotaScopeRequirements, type QuotaEvaluator } from './evaluator.js';

const zero = (): Quantity => ({ nanos: 0n, format: 'DecimalSI' });

/** The usage of `objects` (one kind, one namespace) charged to `quota`, for the resources it limits. */
export function usageUnderQuota(evaluator: QuotaEvaluator, quota: KubeObject, objects: readonly KubeObject[], now: Date): ResourceList {
  const names = evaluator.matchingResources(hardResourceNames(quota));
  const used: ResourceList = new Map(names.map((name) => [name, zero()]));
  const scopes = quotaScopeRequirements(quota);
  for (const object of objects) {
    if (!scopes.every((requirement) => evaluator.matchesScope(requirement, object))) continue;
    const usage = evaluator.usage(object, now);
    for (const name of names) {
      const quantity = usage.get(name);
      if (quantity) used.set(name, addQuantities(used.get(name)!, quantity));
    }
  }
  return used;
}

/** A ResourceList as the API writes it: names in order, canonical quantities. */
export function resourceListJson(list: ResourceList): Record<string, string> {
  return Object.fromEntries([...list.keys()].sort().map((name) => [name, formatQuantity(list.get(name)!)]));
}
