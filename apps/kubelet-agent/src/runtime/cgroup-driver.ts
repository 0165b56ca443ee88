/**
 * The cgroup driver the kubelet and containerd must agree on. kubeadm's KubeletConfiguration says `cgroupDriver:
 * systemd` and the node's containerd 1.7 runs runc with `SystemdCgroup = true`; containerd 1.7 cannot tell the kubelet
 * its driver (KubeletCgroupDriverFromCRI falls back to the configuration), so a kubelet started with any other driver
 * asks for cgroupfs paths, and every new pod sandbox fails in runc's words while the pods already running run on.
 */
import type { Pod } from '@kubelab/api';
import { randomBytes } from 'node:crypto';

/** containerd's driver on a kubeadm node (/etc/containerd/config.toml's SystemdCgroup = true). */
export const containerdCgroupDriver = 'systemd';

/** The driver a KubeletConfiguration that names none runs with (the v1beta1 default). */
export const defaultKubeletCgroupDriver = 'cgroupfs';

/** The cgroup parent the kubelet's cgroupfs driver names for a pod: its QoS class's, under /kubepods. */
function cgroupfsParent(pod: Pod): string {
  const qos = pod.status?.qosClass ?? 'BestEffort';
  return qos === 'Guaranteed' ? `/kubepods/pod${pod.metadata.uid}` : `/kubepods/${qos.toLowerCase()}/pod${pod.metadata.uid}`;
}

/**
 * Why containerd refuses the pod's sandbox under a kubelet with the cgroup driver `kubeletDriver` (undefined: a kubelet
 * that has not read its configuration, which runs with kubeadm's), as the CRI error the kubelet reports; undefined when
 * the drivers agree.
 */
export function sandboxRefusal(kubeletDriver: string | undefined, pod: Pod, sandboxId?: string): string | undefined {
  if (kubeletDriver === undefined || kubeletDriver === containerdCgroupDriver) return undefined;
  return 'rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: '
    + `expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "${cgroupfsParent(pod)}/${sandboxId ?? randomBytes(32).toString('hex')}" instead: unknown`;
}
