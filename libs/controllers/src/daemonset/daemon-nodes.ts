/**
 * The DaemonSet's view of the cluster for one pass (getNodesToDaemonPods and the
 * node verdicts): its pods grouped by the node they are for, and each node's placement.
 */
import type { DaemonSet, Node, Pod } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { targetNodeName } from './daemon-pod.js';
import { nodeShouldRunDaemonPod, type NodePlacement } from './node-should-run.js';

/** What every rule of a pass reads. */
export interface DaemonView {
  ds: DaemonSet;
  template: PodTemplateSpec;
  /** The hash of the update revision: pods carrying it are up to date. */
  hash: string;
  clock: WorkloadClock;
  /** Nodes by name, in name order. */
  nodes: { node: Node; placement: NodePlacement }[];
  /** The DaemonSet's pods (terminating ones included) by target node; pods with no target are left out. */
  podsByNode: Map<string, Pod[]>;
}

/** Groups `pods` by node and judges every node. */
export function daemonView(ds: DaemonSet, nodes: readonly Node[], pods: readonly Pod[], hash: string, clock: WorkloadClock): DaemonView {
  const podsByNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = targetNodeName(pod);
    if (node !== undefined) podsByNode.set(node, [...(podsByNode.get(node) ?? []), pod]);
  }
  const sorted = [...nodes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return {
    ds,
    template: ds.spec?.template ?? {},
    hash,
    clock,
    nodes: sorted.map((node) => ({ node, placement: nodeShouldRunDaemonPod(ds, node) })),
    podsByNode,
  };
}

/** The DaemonSet's pods on `node`. */
export function podsOn(view: DaemonView, node: Node): Pod[] {
  return view.podsByNode.get(node.metadata.name ?? '') ?? [];
}

/** podByCreationTimestampAndPhase: bound pods first, then oldest, then by name. */
export function oldestFirst(a: Pod, b: Pod): number {
  const bound = Number(Boolean(b.spec?.nodeName)) - Number(Boolean(a.spec?.nodeName));
  if (bound !== 0) return bound;
  const created = Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '');
  return created || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}
