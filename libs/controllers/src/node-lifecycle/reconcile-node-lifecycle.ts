/**
 * The node lifecycle controller (pkg/controller/nodelifecycle with the taint eviction
 * controller) for one node, as a pure decision: a silent node's conditions become
 * Unknown and its pods not ready; the node's condition and cordon taints follow its
 * status; pods that do not tolerate its NoExecute taints (long enough) are evicted.
 */
import { cloneJson, kubeTime, type Node, type Pod } from '@kubelab/api';
import { msUntilSilent, nodeCondition, unknownStatus } from './node-health.js';
import { reconcileTaints } from './node-taints.js';
import { msUntilEviction } from './taint-eviction.js';
import type { NodeHeartbeat, NodeLifecycleAction, NodeLifecycleClock, NodeLifecycleOptions, NodeLifecycleResult } from './node-lifecycle-types.js';

/** Kubernetes' MarkPodsNotReady for one pod: its Ready condition turns False. */
function notReadyPod(pod: Pod, now: Date): Pod | undefined {
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'False') return undefined;
  const copy = cloneJson(pod);
  const condition = copy.status?.conditions?.find((c) => c.type === 'Ready');
  if (condition) Object.assign(condition, { status: 'False', lastTransitionTime: kubeTime(now) });
  return copy;
}

function markPodsNotReady(pods: readonly Pod[], now: Date): NodeLifecycleAction[] {
  return pods.flatMap((pod): NodeLifecycleAction[] => {
    const marked = notReadyPod(pod, now);
    if (!marked) return [];
    return [
      { type: 'MarkPodNotReady', pod: marked },
      { type: 'RecordEvent', involved: pod, eventType: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' },
    ];
  });
}

function evictions(node: Node, pods: readonly Pod[], clock: NodeLifecycleClock): { actions: NodeLifecycleAction[]; requeueAfterMs?: number } {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return { actions: [] };
  const actions: NodeLifecycleAction[] = [];
  let requeueAfterMs: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const wait = msUntilEviction(pod, taints, clock);
    if (wait === undefined) continue;
    if (wait > 0) {
      requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, wait);
      continue;
    }
    const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const keys = taints.map((t) => t.key).join(', ');
    actions.push(
      { type: 'EvictPod', pod, reason: `node ${node.metadata.name} has NoExecute taints the pod does not tolerate (any longer): ${keys}` },
      { type: 'RecordEvent', involved: pod, eventType: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${name}` },
    );
  }
  return { actions, requeueAfterMs };
}

/**
 * The node's own writes for this pass: its status when it fell silent, and its
 * taints as that status (or the current one) wants them. The taints come before any
 * pod is touched, so tolerations start counting at once, as the taint manager does.
 */
function nodeWrite(node: Node, lease: NodeHeartbeat | undefined, clock: NodeLifecycleClock, options: NodeLifecycleOptions) {
  const silentInMs = msUntilSilent(node, lease, clock, options);
  const status = silentInMs <= 0 ? unknownStatus(node, clock.now) : undefined;
  const effective = status ? { ...cloneJson(node), status } : node;
  const actions: NodeLifecycleAction[] = status ? [{ type: 'UpdateNodeStatus', node: effective }] : [];
  const taints = reconcileTaints(effective, clock.now);
  const tainted = taints ? { ...cloneJson(effective), spec: { ...node.spec, taints } } : effective;
  if (taints) actions.push({ type: 'UpdateNodeTaints', node: tainted });
  if (status && nodeCondition(node, 'Ready')?.status === 'True') {
    const message = `Node ${node.metadata.name} status is now: NodeNotReady`;
    actions.push({ type: 'RecordEvent', involved: node, eventType: 'Normal', reason: 'NodeNotReady', message });
  }
  return { actions, effective, tainted, requeueAfterMs: silentInMs > 0 ? silentInMs : undefined };
}

/** One pass over a node, its heartbeat and the pods bound to it. */
export function reconcileNodeLifecycle(
  node: Node,
  lease: NodeHeartbeat | undefined,
  podsOnNode: readonly Pod[],
  clock: NodeLifecycleClock,
  options: NodeLifecycleOptions,
): NodeLifecycleResult {
  const write = nodeWrite(node, lease, clock, options);
  const pods = podsOnNode.filter((pod) => pod.spec?.nodeName === node.metadata.name);
  const ready = nodeCondition(write.effective, 'Ready')?.status;
  const notReady = ready !== undefined && ready !== 'True' ? markPodsNotReady(pods, clock.now) : [];
  const evicted = evictions(write.tainted, pods, clock);
  const actions = [...write.actions, ...notReady, ...evicted.actions];
  const waits = [write.requeueAfterMs, evicted.requeueAfterMs].filter((ms): ms is number => ms !== undefined);
  return waits.length > 0 ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
}
