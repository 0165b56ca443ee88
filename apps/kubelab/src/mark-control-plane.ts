/**
 * kubeadm's mark-control-plane phase: the control-plane node's role labels, which NodeRestriction keeps its own kubelet
 * from setting, so the tool that made the cluster adds them once the node has registered. `kubelab up` marks it as soon as
 * the controlplane's agent is Ready; the compose lab, which has no supervisor, runs `kubelab node mark-control-plane` in a
 * one-shot service that waits for the node as kubeadm does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { controlPlaneNode } from './components.js';

/** The labels kubeadm puts on its control-plane node. */
export const controlPlaneLabels: Readonly<Record<string, string>> = {
  'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '',
};

/** Labels the controlplane node as kubeadm does, in one merge patch (this process's fetch trusts the lab: lab-trust.ts); throws with the API's answer. */
export async function markControlPlane(apiUrl: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/v1/nodes/${controlPlaneNode}?fieldManager=kubeadm`, {
    method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'kubeadm/v1.32.0' },
    body: JSON.stringify({ metadata: { labels: controlPlaneLabels } }),
  }).catch((e: Error) => {
    throw new Error(`the API at ${apiUrl} does not answer: ${(e.cause as Error | undefined)?.message ?? e.message}`);
  });
  if (!res.ok) throw new Error(`the ${controlPlaneNode} node could not be marked as kubeadm marks it: ${res.status} ${await res.text()}`);
}

/**
 * The same once the node is there: as kubeadm's PatchNode, a try that fails (the API not answering yet, the Node not
 * registered yet) is made again every `retryMs` until `timeoutMs` has passed, and then its error is thrown.
 */
export async function markControlPlaneWhenRegistered(apiUrl: string, timeoutMs: number, retryMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await markControlPlane(apiUrl);
    } catch (e) {
      if (Date.now() + retryMs > deadline) throw e;
      await sleep(retryMs);
    }
  }
}
