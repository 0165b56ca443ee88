/**
 * RemoveDuplicates: pods of one controller running the same images should not pile
 * up on one node when other nodes could take them. For each owner, at most
 * ceil(pods / feasible nodes) stay per node; the newest extras are evicted.
 */
import type { Pod } from '@kubelab/api';
import { controllerOwner, type ControllerOwner } from '../pod/controller-owner.js';
import type { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import type { NodeInfo } from '../snapshot/node-info.js';
import { notEvictableBecause } from './evictable.js';
import type { PlannedEviction } from './eviction.js';
import { feasibleNodesFor } from './target-nodes.js';

const STRATEGY = 'RemoveDuplicates';

interface OwnerGroup {
  owner: ControllerOwner;
  namespace: string;
  total: number;
  byNode: Map<string, Pod[]>;
}

function groupKey(pod: Pod, owner: ControllerOwner): string {
  const images = (pod.spec?.containers ?? []).map((c) => c?.image ?? '').sort();
  return JSON.stringify([pod.metadata.namespace, owner.kind, owner.name, images]);
}

function oldestFirst(a: Pod, b: Pod): number {
  const byAge = (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
  return byAge !== 0 ? byAge : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function groupsOf(nodes: readonly NodeInfo[]): Map<string, OwnerGroup> {
  const groups = new Map<string, OwnerGroup>();
  for (const node of nodes) {
    for (const { pod } of node.pods.values()) {
      const owner = controllerOwner(pod);
      if (!owner || notEvictableBecause(pod)) continue;
      const key = groupKey(pod, owner);
      const group = groups.get(key) ?? { owner, namespace: pod.metadata.namespace ?? 'default', total: 0, byNode: new Map() };
      group.total++;
      group.byNode.set(node.name, [...(group.byNode.get(node.name) ?? []), pod]);
      groups.set(key, group);
    }
  }
  return groups;
}

/** The duplicate evictions, plus a summary line. */
export function removeDuplicates(snapshot: ClusterSnapshot): { evictions: PlannedEviction[]; summary: string } {
  const nodes = snapshot.nodes();
  const evictions: PlannedEviction[] = [];
  for (const group of groupsOf(nodes).values()) {
    const piledUp = [...group.byNode.entries()].filter(([, pods]) => pods.length > 1);
    if (piledUp.length === 0) continue;
    const targets = feasibleNodesFor(piledUp[0][1][0], nodes);
    if (targets.length < 2) continue;
    const upperAverage = Math.ceil(group.total / targets.length);
    for (const [node, pods] of piledUp) {
      if (pods.length <= upperAverage) continue;
      const sorted = [...pods].sort(oldestFirst);
      const kept = sorted.slice(0, upperAverage).map((p) => p.metadata.name).join(', ');
      const reason =
        `${pods.length} pods of ${group.owner.kind} ${group.namespace}/${group.owner.name} on ${node} ` +
        `(at most ${upperAverage} per node across ${targets.length} feasible nodes); keeping ${kept}`;
      for (const pod of sorted.slice(upperAverage)) evictions.push({ pod, node, strategy: STRATEGY, reason });
    }
  }
  const summary = evictions.length === 0 ? `${STRATEGY}: no duplicates to spread` : `${STRATEGY}: ${evictions.length} duplicate pod(s) to evict`;
  return { evictions, summary };
}
