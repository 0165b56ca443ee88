/**
 * The taints the node lifecycle controller owns: NoSchedule taints mirroring the
 * node's conditions and spec.unschedulable (doNoScheduleTaintingPass), and the
 * not-ready/unreachable NoExecute taints that drive taint-based eviction
 * (doNoExecuteTaintingPass). Other taints are left as they are.
 */
import { kubeTime, type Node } from '@kubelab/api';
import type { Taint } from 'kubernetes-types/core/v1';
import { nodeCondition } from './node-health.js';

/** Taint keys Kubernetes uses for node states. */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: NOT_READY_TAINT, Unknown: UNREACHABLE_TAINT },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

const NO_SCHEDULE_KEYS = new Set([UNSCHEDULABLE_TAINT, ...Object.values(CONDITION_TAINTS).flatMap((byStatus) => Object.values(byStatus))]);
const NO_EXECUTE_KEYS = new Set([NOT_READY_TAINT, UNREACHABLE_TAINT]);

const taintId = (taint: Taint) => `${taint.key}:${taint.effect}`;

function isManaged(taint: Taint): boolean {
  return (taint.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(taint.key)) || (taint.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(taint.key));
}

function wantedTaints(node: Node): { key: string; effect: string }[] {
  const wanted: { key: string; effect: string }[] = [];
  for (const condition of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[condition.type]?.[condition.status];
    if (key) wanted.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable === true) wanted.push({ key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' });
  const ready = nodeCondition(node, 'Ready')?.status;
  if (ready === 'False') wanted.push({ key: NOT_READY_TAINT, effect: 'NoExecute' });
  if (ready === 'Unknown') wanted.push({ key: UNREACHABLE_TAINT, effect: 'NoExecute' });
  return wanted;
}

/**
 * The node's taints as they should be, or undefined when they already are: taints it
 * should no longer have are dropped, missing ones are added with timeAdded now,
 * existing ones keep their timeAdded.
 */
export function reconcileTaints(node: Node, now: Date): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const wanted = wantedTaints(node);
  const wantedIds = new Set(wanted.map(taintId));
  const currentIds = new Set(current.map(taintId));
  const kept = current.filter((taint) => !isManaged(taint) || wantedIds.has(taintId(taint)));
  const added = wanted.filter((taint) => !currentIds.has(taintId(taint))).map((taint) => ({ ...taint, timeAdded: kubeTime(now) }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}
