/** The Node lifecycle controller's inputs and decisions, as data. */
import type { KubeObject, Node, Pod } from '@kubelab/api';

/** The node's heartbeat (its Lease), as the shell follows it. */
export interface NodeHeartbeat {
  renewTime: string;
  leaseDurationSeconds: number;
}

/** Now, and how much faster than real time Kubernetes durations pass. */
export interface NodeLifecycleClock {
  now: Date;
  timeScale: number;
}

/** kube-controller-manager's node monitoring settings (Kubernetes seconds). */
export interface NodeLifecycleOptions {
  /** Silence after which a node's status becomes Unknown (Kubernetes' default: 50). */
  nodeMonitorGracePeriodSeconds: number;
  /** The same for a node that never posted a Ready condition (default: 60). */
  nodeStartupGracePeriodSeconds?: number;
}

/**
 * One step for the shell. UpdateNodeStatus and UpdateNodeTaints never come in the same
 * pass (both would write the same resourceVersion); the second follows on the next.
 */
export type NodeLifecycleAction =
  | { type: 'UpdateNodeStatus'; node: Node }
  | { type: 'UpdateNodeTaints'; node: Node }
  | { type: 'MarkPodNotReady'; pod: Pod }
  | { type: 'EvictPod'; pod: Pod; reason: string }
  | { type: 'RecordEvent'; involved: KubeObject; eventType: 'Normal' | 'Warning'; reason: string; message: string };

/** The decision of one pass, and when to look again (wall ms). */
export interface NodeLifecycleResult {
  actions: NodeLifecycleAction[];
  requeueAfterMs?: number;
}
