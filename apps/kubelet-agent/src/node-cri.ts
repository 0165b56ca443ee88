/**
 * A node's containerd as crictl reads it: the images the node holds, a sandbox per pod the node runs and each container's runs, the current
 * one and the last that ended, from the pod's status as the kubelet last wrote it (containerd keeps them while the
 * kubelet is stopped), and a run's output from the pod's log store.
 */
import type { Pod } from '@kubelab/api';
import type { NodeImageCache } from '@kubelab/images';
import type { CriContainer, CriSandbox, NodeCri } from '@kubelab/shell';
import { createHash } from 'node:crypto';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { LogStore } from './runtime/log-store.js';

/** A pod the node runs, with its containers' output. */
export interface CriPod {
  pod: Pod;
  logs?: LogStore;
}

const stripRuntime = (id: string) => id.replace(/^\w+:\/\//, '');
const time = (t: string | undefined) => (t ? new Date(t) : undefined);

/** The sandbox's ID: stable for the pod, 64 hex digits as containerd's. */
function sandboxOf(pod: Pod): CriSandbox {
  const uid = pod.metadata.uid ?? '';
  const ended = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  return {
    id: createHash('sha256').update(`sandbox:${uid}`).digest('hex'), createdAt: new Date(pod.status?.startTime ?? pod.metadata.creationTimestamp ?? 0),
    ready: !ended && !!pod.status?.podIP, name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', uid,
  };
}

/** The runs of one container that containerd still holds: the last one that ended, and the current one. */
function runsOf(s: ContainerStatus, sandbox: CriSandbox): { container: CriContainer; previous: boolean }[] {
  const image = { image: s.image ?? '', imageRef: s.imageID ?? '' };
  const runs: { container: CriContainer; previous: boolean }[] = [];
  const last = s.lastState?.terminated;
  if (last?.containerID) {
    runs.push({
      previous: true,
      container: {
        id: stripRuntime(last.containerID), name: s.name, attempt: Math.max(0, (s.restartCount ?? 1) - 1), state: 'CONTAINER_EXITED', sandbox, ...image,
        createdAt: time(last.startedAt) ?? sandbox.createdAt, startedAt: time(last.startedAt), finishedAt: time(last.finishedAt), exitCode: last.exitCode, reason: last.reason,
      },
    });
  }
  if (s.containerID && (s.state?.running || s.state?.terminated)) {
    const ended = s.state.terminated;
    const startedAt = time(s.state.running?.startedAt ?? ended?.startedAt);
    runs.push({
      previous: false,
      container: {
        id: stripRuntime(s.containerID), name: s.name, attempt: s.restartCount ?? 0, state: ended ? 'CONTAINER_EXITED' : 'CONTAINER_RUNNING', sandbox, ...image,
        createdAt: startedAt ?? sandbox.createdAt, startedAt, finishedAt: time(ended?.finishedAt), exitCode: ended?.exitCode, reason: ended?.reason,
      },
    });
  }
  return runs;
}

/** The runtime of the node whose pods `pods` lists now, holding `images`. */
export function nodeCri(pods: () => CriPod[], images: () => NodeImageCache, now: () => Date): NodeCri {
  const runs = () => pods().flatMap(({ pod, logs }) => {
    const sandbox = sandboxOf(pod);
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
    return statuses.flatMap((s) => runsOf(s, sandbox).map((run) => ({ ...run, logs })));
  });
  return {
    images: () => images().images.map((held) => ({ id: held.digest.replace(/^sha256:/, ''), repoTags: held.repoTags, sizeBytes: held.sizeBytes })),
    sandboxes: () => pods().map(({ pod }) => sandboxOf(pod)),
    containers: () => runs().map((run) => run.container),
    logs: (id) => {
      const run = runs().find((r) => r.container.id === id);
      if (!run) return undefined;
      return run.logs?.read(run.container.name, { previous: run.previous }, now()) ?? '';
    },
  };
}
