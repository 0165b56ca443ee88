/**
 * manage / podsShouldBeOnNode (daemon_controller.go): a node that should run the
 * daemon and has no pod (not even a Terminating one) gets one; a failed pod is
 * deleted (FailedDaemonPod) and replaced once gone; surplus pods on a node go, all but
 * the oldest (unless surge is allowed); pods on a node they no longer fit go; an
 * unbound pod for a node that no longer exists goes.
 */
import type { Pod } from '@kubelab/api';
import type { DaemonSetAction } from './daemonset-actions.js';
import { newDaemonPod } from './daemon-pod.js';
import { oldestFirst, podsOn, type DaemonView } from './daemon-nodes.js';
import { allowsSurge } from './daemon-rollout-params.js';

const notTerminating = (pod: Pod) => !pod.metadata.deletionTimestamp;

function failedPodEvent(pod: Pod, nodeName: string): DaemonSetAction {
  return {
    type: 'RecordEvent',
    eventType: 'Warning',
    reason: 'FailedDaemonPod',
    message: `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`,
  };
}

/** The pods on a node the daemon may stay on that must go: failed ones, then duplicates. */
function podsToReplace(view: DaemonView, pods: readonly Pod[], nodeName: string): DaemonSetAction[] {
  const actions: DaemonSetAction[] = [];
  const running: Pod[] = [];
  for (const pod of pods.filter(notTerminating)) {
    if (pod.status?.phase === 'Failed') actions.push(failedPodEvent(pod, nodeName), { type: 'DeletePod', pod });
    else running.push(pod);
  }
  if (!allowsSurge(view.ds) && running.length > 1) {
    for (const pod of [...running].sort(oldestFirst).slice(1)) actions.push({ type: 'DeletePod', pod });
  }
  return actions;
}

/** Creations and deletions that put one daemon pod on every node that should run one. */
export function manageDaemonPods(view: DaemonView): DaemonSetAction[] {
  const deletions: DaemonSetAction[] = [];
  const creations: DaemonSetAction[] = [];
  for (const { node, placement } of view.nodes) {
    const pods = podsOn(view, node);
    const nodeName = node.metadata.name ?? '';
    if (placement.shouldRun && pods.length === 0) {
      creations.push({ type: 'CreatePod', pod: newDaemonPod(view.ds, view.template, view.hash, nodeName), nodeName });
    } else if (placement.shouldContinueRunning) {
      deletions.push(...podsToReplace(view, pods, nodeName));
    } else {
      deletions.push(...pods.filter(notTerminating).map((pod): DaemonSetAction => ({ type: 'DeletePod', pod })));
    }
  }
  const known = new Set(view.nodes.map(({ node }) => node.metadata.name));
  for (const [nodeName, pods] of view.podsByNode) {
    if (known.has(nodeName)) continue;
    deletions.push(...pods.filter((pod) => !pod.spec?.nodeName && notTerminating(pod)).map((pod): DaemonSetAction => ({ type: 'DeletePod', pod })));
  }
  return [...deletions, ...creations];
}
