/**
 * What the control-plane node's kubelet tells the supervisor at each look at its static pod manifests: for each
 * control-plane program a manifest runs, whether it would start from what the manifest now says. The supervisor runs
 * the lab's process for each one that starts, restarts it when its manifest changed, and stops it when its manifest
 * went, broke, or names what the program refuses, as the kubelet's container would fail.
 */
export interface StaticPodStart {
  /** kube-apiserver, kube-controller-manager or kube-scheduler. */
  program: string;
  /** The manifest's config hash: a new one is a new static pod, whose process starts anew. */
  hash: string;
  starts: boolean;
  /** Why it does not start, in the program's (or the runtime's) words. */
  reason?: string;
}

export interface StaticPodStarts {
  node: string;
  pods: StaticPodStart[];
}
