/** The resource quota controller: a quota's status.hard and status.used from the namespace's objects. */
export { countedGroupResources, groupResourceKey, reconcileResourceQuota, type ResourceQuotaAction } from './reconcile-resource-quota.js';
