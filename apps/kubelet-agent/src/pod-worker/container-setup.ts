/**
 * What a container starts with besides its image: the files the kubelet and the runtime add (/etc/hosts,
 * resolv.conf, the ServiceAccount mount, /proc), the environment (the image's, the Service variables and the
 * hostname), and the emulated process itself, for the pod's own containers and its debug containers alike.
 */
import { shareStrings, type Pod } from '@kubelab/api';
import type { EtcdRestoreReply } from '@kubelab/bus';
import { containerArgv, type ImageBehaviour, type ResolvedImage } from '@kubelab/images';
import { MemoryFs } from '@kubelab/shell';
import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';
import { randomBytes } from 'node:crypto';
import { containerFiles, containerHostname } from '../runtime/container-files.js';
import { EmulatedContainer, type ContainerContext } from '../runtime/emulated-container.js';
import { serviceEnv } from '../runtime/service-env.js';
import type { PodExecution } from './pod-execution.js';

/** The spec of one of the pod's own containers (init or app). */
export function ownContainerSpec(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === name);
}

/** A containerd container ID for a new run. */
export function newContainerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

/** The image's environment with the Service variables and the hostname, under what the container's spec sets. */
export function baseEnv(exec: PodExecution, behaviour: ImageBehaviour): Record<string, string> {
  const hostname = containerHostname(exec.pod, exec.node.name, exec.deps.dns().domain);
  return { ...behaviour.env, ...serviceEnv(exec.deps.services(), exec.pod), HOSTNAME: hostname };
}

/** The container's file system: the image's files with what the kubelet and the runtime add. */
export function containerFs(exec: PodExecution, spec: Container | EphemeralContainer, behaviour: ImageBehaviour): MemoryFs {
  const { node } = exec;
  const added = containerFiles({
    pod: exec.pod, podIP: exec.runtime.podIP ?? '', node: { name: node.name, ip: node.hostIP, allocatable: node.allocatable },
    dns: exec.deps.dns(), container: spec, argv: containerArgv(behaviour, spec.command, spec.args),
  });
  // Its texts shared with the equal ones other containers hold: every pod of a namespace has the same resolv.conf, every
  // container of an image the same /proc/1/status, built anew for each.
  return new MemoryFs({ files: shareStrings({ ...behaviour.files, ...added }), directories: behaviour.directories });
}

/** Where a path of the container is on its node: under the hostPath volume mounted over it, or the container's own. */
function nodePathOf(pod: Pod, spec: Container | EphemeralContainer, path: string): string {
  const mounts = [...(spec.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  const mount = mounts.find((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`));
  const hostPath = mount && pod.spec?.volumes?.find((v) => v.name === mount.name)?.hostPath?.path;
  return mount && hostPath ? `${hostPath.replace(/\/+$/, '')}${path.slice(mount.mountPath.replace(/\/+$/, '').length)}` : path;
}

/** The emulated process of a container of this pod, logging to the pod's log store. */
export function emulatedContainer(exec: PodExecution, image: ResolvedImage, spec: Container | EphemeralContainer, context: Pick<ContainerContext, 'fs' | 'env'> & Partial<ContainerContext>): EmulatedContainer {
  const { deps } = exec;
  // Read here, not captured: the closures below share one scope for the container's whole run, and the pod of this
  // moment held in it would be a second copy of the pod once the worker has a newer one.
  const pod = exec.pod;
  return new EmulatedContainer(image, spec, {
    podName: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', clock: deps.clock, network: deps.network,
    ...(exec.runtime.podIP ? { podIP: exec.runtime.podIP } : {}),
    loopback: (port, path, origin) => exec.containers.listening(port)?.httpGet(port, path, origin),
    // The pod's UID now: a static pod's container logs on under its next mirror pod's.
    log: (text) => deps.logs(exec.pod.metadata.uid ?? '').append(spec.name, text, new Date()),
    // A hostPID pod (kubectl debug node/…) sees the node's systemd, as its `chroot /host systemctl` does on a node.
    ...(pod.spec?.hostPID ? { services: deps.nodeServices() } : {}),
    // A static pod (kubeadm's etcd) carries out a restore etcdutl left in its data directory, and the etcdctl of its image
    // reaches the etcd it runs (`kubectl exec -n kube-system etcd-controlplane -- etcdctl …`).
    ...(pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file' ? {
      restoreEtcd: (request) => deps.client.etcd<EtcdRestoreReply>({ ...request, dataDir: nodePathOf(exec.pod, spec, request.dataDir) }),
      ...(image.behaviour.programs.includes('etcdctl') && deps.nodeServices()?.etcd ? { services: deps.nodeServices() } : {}),
    } : {}),
    ...context,
  });
}
