/**
 * Kubernetes' tryUpdateNodeHealth: a node whose kubelet has neither renewed its Lease
 * nor posted its status within the grace period has every condition turned Unknown.
 */
import { cloneJson, kubeTime, type Node } from '@kubelab/api';
import type { NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';
import type { NodeHeartbeat, NodeLifecycleClock, NodeLifecycleOptions } from './node-lifecycle-types.js';

const CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const DEFAULT_STARTUP_GRACE_SECONDS = 60;

/** The node's condition of this type, if it has one. */
export function nodeCondition(node: Node, type: string): NodeCondition | undefined {
  return (node.status?.conditions ?? []).find((c) => c.type === type);
}

/** Wall ms until the node counts as silent (≤ 0: it already does). */
export function msUntilSilent(node: Node, lease: NodeHeartbeat | undefined, clock: NodeLifecycleClock, options: NodeLifecycleOptions): number {
  const ready = nodeCondition(node, 'Ready');
  const graceSeconds = ready ? options.nodeMonitorGracePeriodSeconds : (options.nodeStartupGracePeriodSeconds ?? DEFAULT_STARTUP_GRACE_SECONDS);
  const heard = [lease?.renewTime, ready ? ready.lastHeartbeatTime : node.metadata.creationTimestamp]
    .map((time) => Date.parse(time ?? ''))
    .filter((time) => !Number.isNaN(time));
  const probe = heard.length > 0 ? Math.max(...heard) : 0;
  return probe + (graceSeconds * 1000) / clock.timeScale - clock.now.getTime();
}

/**
 * The node's status with every condition Unknown (Kubernetes' wording), or undefined
 * when nothing changes because they already are.
 */
export function unknownStatus(node: Node, now: Date): NodeStatus | undefined {
  const status: NodeStatus = cloneJson(node.status ?? {});
  const conditions = status.conditions ?? [];
  const time = kubeTime(now);
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const current = conditions.find((c) => c.type === type);
    if (!current) {
      conditions.push({
        type, status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: time,
        reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
      });
      changed = true;
    } else if (current.status !== 'Unknown') {
      Object.assign(current, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: time });
      changed = true;
    }
  }
  status.conditions = conditions;
  return changed ? status : undefined;
}
