/**
 * core/v1 ResourceQuota defaults: only SetDefaults_ResourceList, so `spec.hard` and the
 * status lists read back in Kubernetes' canonical quantity spelling.
 */
import type { ResourceQuota } from '../../typed-objects.js';
import { canonicalizeResourceList } from './resource-list.js';

/** Canonicalizes a ResourceQuota's quantities in place. */
export function defaultResourceQuota(quota: ResourceQuota): void {
  canonicalizeResourceList(quota.spec?.hard);
  canonicalizeResourceList(quota.status?.hard);
  canonicalizeResourceList(quota.status?.used);
}
