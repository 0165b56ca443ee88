/**
 * `kubectl get resourcequotas`: NAME AGE REQUEST LIMIT (1.32's order), each usage cell
 * `<resource>: <used>/<hard>` for the hard limits in name order, `limits.*` in LIMIT.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { quantityCell } from './quantity-cells.js';

/** The REQUEST and LIMIT cells: "requests.cpu: 500m/1, pods: 2/10" and "limits.memory: 0/2Gi". */
export function quotaUsage(quota: ResourceQuota): [request: string, limit: string] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${resource}: ${quantityCell(used[resource])}/${quantityCell(hard[resource])}`);
  }
  return [request.join(', '), limit.join(', ')];
}

/** Prints ResourceQuotas with their observed usage against the hard limits. */
export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  print(obj, now) {
    const quota = obj as ResourceQuota;
    return { cells: [quota.metadata?.name ?? '', ageSince(quota.metadata?.creationTimestamp, now), ...quotaUsage(quota)] };
  },
};
