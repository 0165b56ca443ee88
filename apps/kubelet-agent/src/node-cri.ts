/**
 * A node's containerd as crictl reads and changes it: the images the node holds, a sandbox per pod the node runs and
 * each container's runs, the current one and the last that ended, from the pod's status as the kubelet last wrote it
 * (containerd keeps them while the kubelet is stopped), and a run's output from the pod's log store. A container it
 * stops exits as any process does, and the pod's worker sees the exit; one it removes is forgotten; an image it removes
 * leaves the node's image cache, so the next pod that needs it pulls it again.
 */
import type { Pod } from '@kubelab/api';
import { kubeadmImages, resolveLocalImage, type NodeImage, type NodeImageCache } from '@kubelab/images';
import type { CriContainer, CriImage, CriSandbox, NodeCri } from '@kubelab/shell';
import { createHash } from 'node:crypto';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { LogStore } from './runtime/log-store.js';

/** A pod the node runs, with its containers' output and the processes of those that run. */
export interface CriPod {
  pod: Pod;
  logs?: LogStore;
  /** The process of the pod's container `name` while it runs. */
  running(name: string): StoppableProcess | undefined;
}

/** What containerd's StopContainer does to a container's process: its stop signal, KILL, and the wait for its end. */
export interface StoppableProcess {
  /** TERM: the process ends if it handles it. */
  terminate(): void;
  kill(): void;
  /** Resolves once the process has exited. */
  readonly ended: Promise<void>;
}

/** What the node's containerd stands on: the pods it runs, the images it holds, the lab clock. */
export interface NodeCriDeps {
  pods(): CriPod[];
  images(): NodeImageCache;
  /** The node no longer holds the image with this digest. */
  imageRemoved(digest: string): void;
  now(): Date;
  /** Resolves after this many seconds of lab time; rejects once `stop` aborts. */
  sleep(seconds: number, stop: AbortSignal): Promise<void>;
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

/** The image as CRI lists it; containerd pins its sandbox image (pause), which it keeps whatever uses it. */
function criImage(held: NodeImage): CriImage {
  const pinned = held.repoTags.includes(kubeadmImages.pause);
  return { id: held.digest.replace(/^sha256:/, ''), repoTags: held.repoTags, repoDigests: held.repoDigests, sizeBytes: held.sizeBytes, pinned };
}

/**
 * containerd's stopContainer: with a timeout, the stop signal (TERM) and as long for the process to end; then KILL. It
 * answers once the process has ended and the worker, in the same turn of the event loop, has recorded the exit.
 */
async function stopProcess(process: StoppableProcess, timeoutSeconds: number, sleep: NodeCriDeps['sleep']): Promise<void> {
  if (timeoutSeconds > 0) {
    const timer = new AbortController();
    process.terminate();
    const ended = await Promise.race([process.ended.then(() => true), sleep(timeoutSeconds, timer.signal).then(() => false, () => false)]);
    timer.abort();
    if (!ended) process.kill();
  } else {
    process.kill();
  }
  await process.ended;
  await new Promise((recorded) => setImmediate(recorded));
}

/** The runtime of the node whose pods `deps.pods` lists now, holding `deps.images`. */
export function nodeCri(deps: NodeCriDeps): NodeCri {
  /** Containers removed through CRI (`crictl rm`): containerd no longer has them, whatever the pods' statuses still say. */
  const removed = new Set<string>();
  const runs = () => deps.pods().flatMap((criPod) => {
    const sandbox = sandboxOf(criPod.pod);
    const { status } = criPod.pod;
    const statuses = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? []), ...(status?.ephemeralContainerStatuses ?? [])];
    return statuses.flatMap((s) => runsOf(s, sandbox).filter((run) => !removed.has(run.container.id)).map((run) => ({ ...run, criPod })));
  });
  return {
    images: () => deps.images().images.map(criImage),
    sandboxes: () => deps.pods().map(({ pod }) => sandboxOf(pod)),
    containers: () => runs().map((run) => run.container),
    logs: (id) => {
      const run = runs().find((r) => r.container.id === id);
      if (!run) return undefined;
      return run.criPod.logs?.read(run.container.name, { previous: run.previous }, deps.now()) ?? '';
    },
    stopContainer: async (id, timeoutSeconds) => {
      const run = runs().find((r) => r.container.id === id && r.container.state === 'CONTAINER_RUNNING');
      const process = run?.criPod.running(run.container.name);
      if (process) await stopProcess(process, timeoutSeconds, deps.sleep);
    },
    removeContainer: (id) => void removed.add(id),
    imageStatus: (image) => {
      const held = resolveLocalImage(deps.images(), image);
      return typeof held === 'object' ? criImage(held) : held;
    },
    removeImage: (id) => deps.imageRemoved(`sha256:${id}`),
  };
}
