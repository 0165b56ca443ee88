/**
 * How each control-plane program the static pods of a node run would start from what their manifests now say: the
 * program's command line read as it reads it, the files its flags name looked up on the node's disk through the pod's
 * hostPath mounts (a file outside them is not in the container), and its image in the registry. The supervisor runs
 * the lab's process of each program that starts (libs/bus static-pod-starts.ts).
 */
import type { Pod } from '@kubelab/api';
import type { StaticPodStart } from '@kubelab/bus';
import { controlPlaneProgram, decideComponentStart, type ComponentWorld } from '@kubelab/images';
import type { Container } from 'kubernetes-types/core/v1';

/** What the node holds: its disk's files, and the images it can run. */
export interface NodeView extends Omit<ComponentWorld, 'exists'> {
  hasFile(path: string): boolean;
  hasImage(image: string): boolean;
  /** Whether the static pod of config hash `hash` runs its container `name` now. */
  running(hash: string, name: string): boolean;
}

/** The argv a container runs: its command (else the program its kubeadm image is named after) and its args. */
export function containerArgv(container: Container): string[] {
  const image = (container.image ?? '').replace(/[:@].*$/, '');
  const command = container.command ?? [image.slice(image.lastIndexOf('/') + 1)];
  return [...command, ...(container.args ?? [])];
}

/** Whether `path` is there for `container` of `pod`: under one of its hostPath mounts, on the node's disk. */
export function containerSees(pod: Pod, container: Container, path: string, hasFile: (path: string) => boolean): boolean {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  const mount = mounts.find((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
  const hostPath = mount && pod.spec?.volumes?.find((v) => v.name === mount.name)?.hostPath?.path;
  return hostPath !== undefined && hasFile(`${hostPath.replace(/\/$/, '')}${path.slice(mount!.mountPath.replace(/\/$/, '').length)}`);
}

/** Each control-plane program `pods` (a node's static pods) run, and whether it would start. */
export function staticPodStarts(pods: readonly Pod[], node: NodeView): StaticPodStart[] {
  return pods.flatMap((pod) => (pod.spec?.containers ?? []).flatMap((container): StaticPodStart[] => {
    const argv = containerArgv(container);
    const program = controlPlaneProgram(argv);
    if (!program) return [];
    const hash = pod.metadata.annotations?.['kubernetes.io/config.hash'] ?? '';
    if (!node.hasImage(container.image ?? '')) return [{ program, hash, starts: false, reason: `ErrImagePull: ${container.image} is not in the lab's registry` }];
    const start = decideComponentStart(argv, { ...node, exists: (path) => containerSees(pod, container, path, node.hasFile) })!;
    const version = /:(v\d+\.\d+\.\d+)$/.exec(container.image ?? '')?.[1];
    const certificate = program === 'kube-apiserver' && 'flags' in start ? start.flags?.['tls-cert-file'] : undefined;
    const validity = certificate === undefined ? undefined : node.validity?.(certificate);
    const serving = validity ? { serving: { notBefore: validity.notBefore.toISOString(), notAfter: validity.notAfter.toISOString() } } : {};
    // A certificate that expired since the program started stops nothing that runs: it loaded it while it was valid.
    const runsOn = start.kind === 'refused' && start.renew !== undefined && node.running(hash, container.name);
    if (start.kind === 'starts' || runsOn) return [{ program, hash, starts: true, ...(version ? { version } : {}), ...serving }];
    const until = start.renew === undefined ? {} : { until: `its certificate is renewed (kubeadm certs renew ${start.renew})` };
    return [{ program, hash, starts: false, reason: start.reason, ...until, ...serving }];
  }));
}
