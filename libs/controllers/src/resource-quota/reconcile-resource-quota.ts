/**
 * The resource quota controller's decision (syncResourceQuota in
 * pkg/controller/resourcequota/resource_quota_controller.go): status.hard mirrors
 * spec.hard, and status.used holds, for each limited resource, what the namespace's
 * objects within the quota's scopes consume now. Pods that end or go free their share,
 * which is how `kubectl describe quota` shows Used going down.
 */
import { evaluatorFor, groupResourceOfQuotaName, hardResourceNames, resourceListJson, usageUnderQuota, type GroupResource, type KubeObject, type ResourceQuota } from '@kubelab/api';

/** What the controller writes: a quota's status, only when it changed. */
export type ResourceQuotaAction = { type: 'UpdateStatus'; status: { hard: Record<string, string>; used: Record<string, string> } };

/** The map key of a group/resource: `pods`, `deployments.apps`. */
export function groupResourceKey(groupResource: GroupResource): string {
  return groupResource.group === '' ? groupResource.resource : `${groupResource.resource}.${groupResource.group}`;
}

/** The kinds of object the quota's limits count, each once: what the shell must list for a sync. */
export function countedGroupResources(quota: ResourceQuota): GroupResource[] {
  const found = new Map<string, GroupResource>();
  for (const name of hardResourceNames(quota)) {
    const groupResource = groupResourceOfQuotaName(name);
    if (groupResource) found.set(groupResourceKey(groupResource), groupResource);
  }
  return [...found.values()];
}

/**
 * Level-triggered: the quota's status from the namespace's objects, keyed by
 * groupResourceKey. A kind missing from `objects` (not served) leaves its resources out of
 * status.used, as the controller has no evaluator for it; an empty list counts zero.
 */
export function reconcileResourceQuota(quota: ResourceQuota, objects: ReadonlyMap<string, readonly KubeObject[]>, now: Date): ResourceQuotaAction[] {
  const used = new Map();
  for (const groupResource of countedGroupResources(quota)) {
    const listed = objects.get(groupResourceKey(groupResource));
    if (!listed) continue;
    const evaluator = evaluatorFor(groupResource.group, groupResource.resource);
    for (const [name, quantity] of usageUnderQuota(evaluator, quota, listed, now)) used.set(name, quantity);
  }
  const hard = Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) as Record<string, string>;
  const status = { hard, used: resourceListJson(used) };
  if (JSON.stringify(quota.status ?? {}) === JSON.stringify(status)) return [];
  return [{ type: 'UpdateStatus', status }];
}
