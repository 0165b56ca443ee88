/**
 * One emulated node inside the agent process: its pod IPs, image cache and pull
 * back-offs, and a worker per pod bound to it.
 */
import { kubeadmImages, lookupImage } from '@kubelab/images';
import type { Node, NodeUsageReport, Pod } from '@kubelab/api';
import type { ApiBusReply, ChaosAnswer, PodChaosRequest, StaticPodLog } from '@kubelab/bus';
import type { NodeCri } from '@kubelab/shell';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { nodeCri } from './node-cri.js';
import type { NodeRuntimeDeps } from './node-runtime-deps.js';
import { NodeState } from './node-state.js';
import { machineClock } from './machine-clock.js';
import { NodeUsageMeter } from './node-usage-meter.js';
import { PodWorker } from './pod-worker/pod-worker.js';
import type { VolumeSource } from './pod-worker/pod-volumes.js';
import { LogStore } from './runtime/log-store.js';
import { isMirrorPod, runsWithoutMirror, staticPodKey } from './static-pods.js';
import type { SandboxProcesses } from './node-processes.js';

/** Where a node's usage accounting reports: the usage bucket, and the node's MemoryPressure condition (and what it says now). */
export interface UsageSink {
  publish(report: NodeUsageReport): Promise<void>;
  reportPressure(pressure: boolean): Promise<void>;
  pressureReported(): boolean;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  previous?: string;
  tailLines?: string;
  sinceSeconds?: string;
  timestamps?: string;
  follow?: string;
  /** With follow: where to publish new output ({text} messages, then {end: true}). */
  inbox?: string;
}

const encoder = new TextEncoder();
const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const pods = { group: '', version: 'v1', plural: 'pods' };

export class NodeHost {
  private readonly workers = new Map<string, PodWorker>();
  /** Static pods whose mirror pod was deleted, running on until the next mirror pod of their namespace/name takes them. */
  private readonly awaitingMirror = new Map<string, { worker: PodWorker; logs?: LogStore }>();
  private readonly logStores = new Map<string, LogStore>();
  private readonly state: NodeState;
  private readonly deps: NodeRuntimeDeps;

  private readonly usage?: NodeUsageMeter;
  /** While the node's kubelet is stopped: the newest change heard of each pod (undefined: removed), replayed when it starts. */
  private missed?: Map<string, Pod | undefined>;

  /** Without `usage` the node accounts no resource use: no metrics, no node-pressure eviction (the agent's --no-usage). */
  constructor(readonly node: Node, deps: Omit<NodeRuntimeDeps, 'logs'>, usage?: UsageSink) {
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    this.state = new NodeState(hostIP, node.spec?.podCIDR ?? '10.244.0.0/24', node.metadata.name, node.status?.allocatable ?? {});
    for (const image of Object.values(kubeadmImages)) {
      const held = lookupImage(deps.catalog, image);
      if (held.found) this.state.imagePulled(held.image);
    }
    this.deps = { ...deps, logs: (uid) => this.logStore(uid) };
    if (usage) {
      this.usage = new NodeUsageMeter({
        clock: deps.clock, time: deps.time, log: deps.log, node, workers: () => [...this.workers.values()],
        publish: (report) => usage.publish(report), reportPressure: (pressure) => usage.reportPressure(pressure), pressureReported: () => usage.pressureReported(),
      });
    }
  }

  private logStore(uid: string): LogStore {
    let store = this.logStores.get(uid);
    if (!store) this.logStores.set(uid, (store = new LogStore()));
    return store;
  }

  /** The node's containerd as crictl reads and changes it: the pods the node runs, whether or not its kubelet does, and the images it holds. */
  readonly cri: NodeCri = nodeCri({
    pods: () => [...this.workers.values()].map((w) => ({ pod: w.runtimePod, logs: this.logStores.get(w.uid), running: (name: string) => w.runningContainer(name) })),
    images: () => this.state.heldImages,
    imageRemoved: (digest) => this.state.imageRemoved(digest),
    now: () => machineClock.now(),
    sleep: (seconds, stop) => this.deps.clock.sleep(seconds, stop),
  });

  /** False while the node's kubelet is stopped (`systemctl stop kubelet`). */
  get kubeletRunning(): boolean {
    return this.missed === undefined;
  }

  /** The kubelet stops: its pods' containers run on, unwatched, and what the API says of the node's pods waits for it. */
  stopKubelet(): void {
    if (this.missed) return;
    this.missed = new Map();
    for (const worker of this.workers.values()) worker.suspend();
  }

  /** The kubelet starts again: each pod is looked at as it is now, and the changes it missed are carried out. */
  startKubelet(): void {
    const missed = this.missed;
    if (!missed) return;
    this.missed = undefined;
    for (const worker of this.workers.values()) if (!missed.has(worker.uid)) worker.resume(worker.currentPod);
    for (const [uid, pod] of missed) {
      const worker = this.workers.get(uid);
      if (!pod) {
        if (worker) this.podRemoved(worker.currentPod);
        continue;
      }
      worker?.resume(pod);
      this.podChanged(pod);
    }
  }

  podChanged(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.missed) return void this.missed.set(uid, pod);
    const worker = this.workers.get(uid);
    if (worker) return worker.update(pod);
    const own = isMirrorPod(pod) ? this.ownStaticPod(pod) : undefined;
    if (own) {
      this.workers.delete(own.uid);
      this.workers.set(uid, own);
      const logs = this.logStores.get(own.uid);
      this.logStores.delete(own.uid);
      if (logs) this.logStores.set(uid, logs);
      return own.adoptMirror(pod);
    }
    const orphan = this.awaitingMirror.get(staticPodKey(pod));
    if (orphan && isMirrorPod(pod)) {
      this.awaitingMirror.delete(staticPodKey(pod));
      this.workers.set(uid, orphan.worker);
      if (orphan.logs) this.logStores.set(uid, orphan.logs);
      return orphan.worker.adoptMirror(pod);
    }
    if (terminal(pod)) {
      // A pod that ended before this agent (re)started: nothing runs; a deletion completes at once.
      if (pod.metadata.deletionTimestamp) this.deleteAtOnce(pod);
      return;
    }
    const created = new PodWorker(pod, this.deps, this.state);
    this.workers.set(uid, created);
    created.update(pod);
  }

  /**
   * A static pod's mirror pod was deleted through the API: as the kubelet, delete it at once (its containers are the
   * manifest's, not the API's) and keep the pod running for the mirror pod made next.
   */
  mirrorPodDeleted(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.missed) return void this.missed.set(uid, pod);
    const worker = this.workers.get(uid);
    if (worker) {
      this.awaitingMirror.set(staticPodKey(pod), { worker, logs: this.logStores.get(uid) });
      this.workers.delete(uid);
      this.logStores.delete(uid);
    }
    this.deleteAtOnce(pod);
  }

  /**
   * A mirror pod of an older manifest took the place of the running static pod's in the API (etcd restored to a snapshot
   * made before the manifest changed): as the kubelet, run nothing of it, delete it, and keep the static pod running for
   * the mirror pod made next.
   */
  outdatedMirror(mirror: Pod): void {
    const running = [...this.workers.values()].find((w) => staticPodKey(w.currentPod) === staticPodKey(mirror) && w.uid !== mirror.metadata.uid);
    if (running) this.mirrorPodDeleted(running.currentPod);
    else this.deleteAtOnce(mirror);
  }

  /** Deletes the pod with grace 0: nothing of it runs here. */
  private deleteAtOnce(pod: Pod): void {
    void this.deps.client.delete(pods, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 0).catch(() => undefined);
  }

  /**
   * Runs a static pod that has no mirror pod yet, from its manifest alone, as the kubelet's file source does: the API may
   * not take a mirror pod now (the api-server may be the very static pod that changed). It runs under its config hash as
   * its UID, as the kubelet's own static pods do, until its mirror pod comes and it is that pod's.
   */
  runStaticPod(pod: Pod): void {
    const hash = pod.metadata.annotations?.['kubernetes.io/config.hash'];
    const key = staticPodKey(pod);
    if (this.missed || !hash || this.awaitingMirror.has(key)) return;
    const same = [...this.workers.values()].filter((w) => staticPodKey(w.currentPod) === key);
    if (same.some((w) => w.currentPod.metadata.annotations?.['kubernetes.io/config.hash'] === hash)) return;
    // What runs from an older manifest is stopped for the new one.
    for (const stale of same) this.podRemoved(stale.currentPod);
    const own: Pod = { ...pod, metadata: { ...pod.metadata, uid: hash, creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } };
    const worker = new PodWorker(own, this.deps, this.state);
    this.workers.set(hash, worker);
    worker.update(own);
  }

  /** Whether the static pod of config hash `hash` runs its container `name` now. */
  runsStaticContainer(hash: string, name: string): boolean {
    return [...this.workers.values()].some((w) => w.currentPod.metadata.annotations?.['kubernetes.io/config.hash'] === hash && w.runningContainer(name) !== undefined);
  }

  /** The static pod running under the config hash of this mirror pod, which the mirror pod now stands for. */
  private ownStaticPod(mirror: Pod): PodWorker | undefined {
    const worker = this.workers.get(mirror.metadata.annotations?.['kubernetes.io/config.mirror'] ?? '');
    return worker && staticPodKey(worker.currentPod) === staticPodKey(mirror) ? worker : undefined;
  }

  /** Stops the static pods waiting for a mirror pod whose manifest is gone (namespace/name not in `wanted`). */
  keepStaticPods(wanted: ReadonlySet<string>): void {
    for (const worker of [...this.workers.values()]) if (runsWithoutMirror(worker.currentPod) && !wanted.has(staticPodKey(worker.currentPod))) this.podRemoved(worker.currentPod);
    for (const [key, orphan] of this.awaitingMirror) {
      if (wanted.has(key)) continue;
      orphan.worker.stop();
      this.awaitingMirror.delete(key);
    }
  }

  podRemoved(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (this.missed) return void this.missed.set(uid, undefined);
    this.workers.get(uid)?.stop();
    this.workers.delete(uid);
    this.logStores.delete(uid);
    this.deps.events.forget(uid);
  }

  /** Each running pod's sandbox and its containers' processes, for the node's `ps`. */
  sandboxProcesses(): SandboxProcesses[] {
    const byUid = new Map([...this.workers.values()].map((w) => [w.uid, w]));
    return this.cri.sandboxes().filter((s) => s.ready).flatMap((sandbox) => {
      const worker = byUid.get(sandbox.uid);
      return worker ? [{ sandbox, containers: worker.containerProcesses() }] : [];
    });
  }

  /** A ConfigMap or Secret changed: the volumes that project it are made to hold what it says now. */
  volumeSourceChanged(source: VolumeSource): void {
    for (const worker of this.workers.values()) worker.volumeSourceChanged(source);
  }

  /** A claim or PersistentVolume changed: the pods waiting to mount it try again. */
  storageChanged(kind: 'PersistentVolumeClaim' | 'PersistentVolume', namespace: string, name: string): void {
    for (const worker of this.workers.values()) worker.storageChanged(kind, namespace, name);
  }

  /** The worker of a pod on this node, by IP (for the cluster network). */
  workerByIp(ip: string, podsByUid: (uid: string) => Pod | undefined): PodWorker | undefined {
    for (const [uid, worker] of this.workers) if (podsByUid(uid)?.status?.podIP === ip) return worker;
    return undefined;
  }

  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  /** A chaos drill on a pod of this node. */
  chaos(request: PodChaosRequest, pod: Pod | undefined): ChaosAnswer {
    const worker = pod && this.workers.get(pod.metadata.uid ?? '');
    if (!worker) return { ok: false, message: `pod ${request.namespace}/${request.pod} does not run on ${this.node.metadata.name}` };
    return worker.chaos(request.chaos);
  }

  /**
   * Lines a control-plane process wrote, appended to the log of its static pod's container while that runs: what
   * `kubectl logs` and `crictl logs` read of kube-system's static pods is then the process's own log. False while no
   * such container runs (not yet started, or between runs): the sender keeps the lines for the container's next run.
   */
  staticPodLog(log: StaticPodLog): boolean {
    const worker = [...this.workers.values()].find((w) => w.currentPod.metadata.namespace === 'kube-system'
      && w.currentPod.metadata.annotations?.['kubernetes.io/config.hash'] !== undefined && w.runningContainer(log.container) !== undefined);
    if (!worker) return false;
    if (log.lines.length > 0) this.logStore(worker.uid).append(log.container, log.lines.map((line) => `${line}\n`).join(''), new Date());
    return true;
  }

  /** What kube-apiserver answers for the kubelet's port when nothing listens there (its kubelet stopped). */
  get kubeletRefusal(): string {
    return `error dialing backend: dial tcp ${this.state.hostIP}:10250: connect: connection refused`;
  }

  /** pods/log for a pod on this node, with the kubelet's refusals. */
  readLogs(q: LogRequest, pod: Pod | undefined): ApiBusReply {
    if (this.missed) return { code: 500, body: status(500, '', this.kubeletRefusal) };
    if (!pod) return { code: 404, body: status(404, 'NotFound', `pods "${q.pod}" not found`) };
    const regular = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    const names = [...regular, ...(pod.spec?.ephemeralContainers ?? []).map((c) => c.name)];
    const container = q.container ?? regular[regular.length - 1];
    if (!names.includes(container)) return { code: 400, body: status(400, 'BadRequest', `container ${container} is not valid for pod ${q.pod}`) };
    const store = this.logStores.get(pod.metadata.uid ?? '');
    const previous = q.previous === 'true';
    if (previous && !store?.hasPrevious(container)) {
      return { code: 400, body: status(400, 'BadRequest', `previous terminated container "${container}" in pod "${q.pod}" not found`) };
    }
    if (!store) {
      const waiting = statusesOf(pod).find((s) => s.name === container)?.state?.waiting?.reason ?? 'ContainerCreating';
      return { code: 400, body: status(400, 'BadRequest', `container "${container}" in pod "${q.pod}" is waiting to start: ${waiting}`) };
    }
    if (q.follow === 'true' && q.inbox && !previous) {
      const running = statusesOf(pod).some((s) => s.name === container && s.state?.running);
      this.followLogs(store, container, q.inbox, running);
    }
    const number = (v?: string) => (v === undefined ? undefined : Number(v));
    const text = store.read(container, { previous, tailLines: number(q.tailLines), sinceSeconds: number(q.sinceSeconds), timestamps: q.timestamps === 'true' }, new Date());
    return { code: 200, body: text };
  }

  private followLogs(store: LogStore, container: string, inbox: string, running: boolean): void {
    const nc = this.deps.client.connection;
    const publish = (message: object) => nc.publish(inbox, encoder.encode(JSON.stringify(message)));
    if (!running) return publish({ end: true });
    const stopSub = nc.subscribe(`${inbox}.stop`, { max: 1, callback: () => cancel() });
    const cancel = store.follow(container, (text) => publish({ text }), () => {
      publish({ end: true });
      stopSub.unsubscribe();
    });
  }

  stop(): void {
    this.usage?.stop();
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
  }
}

/** The statuses of the pod's own containers, init first. */
function statusesOf(pod: Pod): ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
