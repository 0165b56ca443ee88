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
  /** The release its image is (the tag, vX.Y.Z), which the program runs as; none for an image tagged otherwise. */
  version?: string;
  /** Why it does not start, in the program's (or the runtime's) words. */
  reason?: string;
  /** What brings it back, when not a fixed manifest: `its certificate is renewed (…)`. */
  until?: string;
  /** The kube-apiserver's: when the certificate its --tls-cert-file holds is valid (ISO times), which the api-server serves as. */
  serving?: { notBefore: string; notAfter: string };
}

export interface StaticPodStarts {
  node: string;
  pods: StaticPodStart[];
  /** The log entry of the shell session on the node (`kubelab ssh`) whose edit of a manifest made the kubelet look: what the supervisor then does is caused by it. */
  cause?: number;
}

/** Lines a control-plane process wrote, in its component's klog words, for the log of its static pod's running container (subjects.agentStaticPodLog). */
export interface StaticPodLog {
  /** The static pod's container: kube-apiserver, kube-scheduler or kube-controller-manager. */
  container: string;
  lines: string[];
}
