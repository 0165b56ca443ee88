/**
 * One worker per pod (the kubelet's pod worker), a shell that only carries out. Each sync:
 *   1. reports the status of now;
 *   2. asks computePodActions what to do, from the pod, the runtime it keeps, the time and the node's images;
 *   3. carries each action out (carry-out-*.ts), recording what happened at once through the lifecycle's updates;
 *   4. repeats while that changed something, then sleeps until the next WaitUntil;
 *   5. runs the probes now due, of the containers as the actions left them (their results come back later), and sleeps
 *      until the next probe is due;
 *   6. reports the status podStatus computes.
 * Outcomes that take time (a pull, a process exit, a hook, a probe) are applied when they arrive, and sync again (a
 * probe's only when its result changed something).
 */
import type { Pod } from '@kubelab/api';
import type { ChaosAnswer, PodChaos } from '@kubelab/bus';
import type { ResolvedImage } from '@kubelab/images';
import { computePodActions, deletionRequested, newPodRuntime, podFailed, podStatus, sandboxReady, type PodAction, type PodRuntime, type RuntimeUpdate } from '@kubelab/pod-lifecycle';
import { adoptPreviousRun } from '../adopt-previous-run.js';
import type { NodeRuntimeDeps } from '../node-runtime-deps.js';
import type { ContainerProcesses } from '../node-processes.js';
import type { NodeState } from '../node-state.js';
import type { EmulatedContainer } from '../runtime/emulated-container.js';
import { sandboxRefusal } from '../runtime/cgroup-driver.js';
import { sandboxAddress } from '../runtime/pod-ips.js';
import { carryOutDebug } from './carry-out-debug.js';
import { carryOutKill } from './carry-out-kill.js';
import { carryOutPull } from './carry-out-pull.js';
import { carryOutStart } from './carry-out-start.js';
import { ownContainerSpec } from './container-setup.js';
import { labPod } from './lab-pod.js';
import { podChaos } from './pod-chaos.js';
import { PodContainers, type RunningContainer } from './pod-containers.js';
import { executionView, type PodExecution } from './pod-execution.js';
import { PodVolumes, type VolumeSource } from './pod-volumes.js';
import { runDueProbes } from './run-probes.js';
import { StatusReporter } from './status-reporter.js';
import { SyncTimers } from './sync-timers.js';

const pods = { group: '', version: 'v1', plural: 'pods' };
/** How many decide-and-carry-out rounds one sync runs at most before it waits. */
const maxSyncRounds = 50;

export class PodWorker {
  private pod: Pod;
  private runtime: PodRuntime;
  private stopped = false;
  /** The node's kubelet is stopped: the containers run on, but nothing is decided, probed or reported. */
  private suspended = false;
  private readonly containers = new PodContainers();
  private readonly volumes: PodVolumes;
  private readonly reporter: StatusReporter;
  private readonly timers: SyncTimers;
  /** What the carry-out modules see of this worker. */
  private readonly execution: PodExecution;

  constructor(pod: Pod, private readonly deps: NodeRuntimeDeps, private readonly node: NodeState) {
    this.pod = pod;
    const now = deps.time.now();
    const lab = { ...pod, status: deps.time.convert(pod.status, 'toLab') };
    this.runtime = adoptPreviousRun(newPodRuntime(lab, { hostIP: node.hostIP, now }), lab, now);
    if (pod.status?.podIP) node.ips.claim(pod.status.podIP);
    this.timers = new SyncTimers(deps.clock, deps.time, () => this.sync());
    this.volumes = new PodVolumes(deps, node, {
      pod: () => this.pod, changed: () => this.sync(),
      failedMount: (message) => void deps.events.record(this.pod, { type: 'Warning', reason: 'FailedMount', message }, undefined, this.cause),
    });
    this.reporter = new StatusReporter(deps, { stopped: () => this.stopped || this.suspended, report: () => this.report() });
    this.execution = executionView({ pod: () => this.pod, runtime: () => this.runtime, stopped: () => this.stopped }, {
      deps, node, containers: this.containers, volumes: this.volumes, images: new Map<string, ResolvedImage>(), inFlight: new Set<string>(),
      apply: (update) => this.apply(update),
      sync: () => this.sync(),
      probed: () => this.waitForProbes(),
      report: () => this.report(),
      hookFailed: (reason, message, fieldPath) => void this.deps.events.record(this.pod, { type: 'Warning', reason, message }, fieldPath),
      sessionEnded: (cause) => this.reporter.sessionEnded(cause),
    });
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  /** The newest desired state of the pod (only the newest matters). */
  update(pod: Pod): void {
    const echo = this.reporter.isEcho(pod, this.pod);
    this.pod = pod;
    // Our own status report coming back through the informer changes nothing to act on.
    if (echo) return;
    this.reporter.observed(pod);
    this.noticeDeletion();
    this.sync();
  }

  private noticeDeletion(): void {
    const m = this.pod.metadata;
    if (m.deletionTimestamp && !this.runtime.deletion) {
      this.apply(deletionRequested(this.runtime, { graceSeconds: m.deletionGracePeriodSeconds ?? 30, now: this.deps.time.now() }));
    }
  }

  /** The kubelet stopped (`systemctl stop kubelet`): the containers run on unwatched; no probe, restart or status report until `resume`. */
  suspend(): void {
    this.suspended = true;
    this.timers.stop();
  }

  /** The kubelet started again: it looks at the pod as it is now and carries on. */
  resume(pod: Pod): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.pod = pod;
    this.reporter.forget();
    this.noticeDeletion();
    this.sync();
  }

  /**
   * Sync: the status of this moment (the kubelet's SyncPod sets it before it acts, so a crash-looping container shows
   * CrashLoopBackOff even when the wake-up that shows it comes as late as its restart), then actions until only waiting is
   * left, the probes due once they are done (a container just started is probed from its start, as its probe worker
   * begins), and the status they left.
   */
  sync(): void {
    if (this.stopped || this.suspended) return;
    this.report();
    for (let round = 0; round < maxSyncRounds; round++) {
      const actions = computePodActions(this.labPod(), this.runtime, this.deps.time.now(), this.node.imagesFrom(this.deps.catalog));
      const progressed = actions.map((a) => this.perform(a)).some(Boolean);
      if (!progressed) {
        this.timers.wakeFor(actions);
        break;
      }
    }
    this.waitForProbes();
    this.report();
  }

  /** Runs the probes now due and wakes when the next one is. */
  private waitForProbes(): void {
    if (!this.stopped && !this.suspended) this.timers.wakeForProbe(runDueProbes(this.execution, this.labPod()));
  }

  private labPod() {
    return labPod(this.pod, this.reporter.lastLabStatus, this.deps.time);
  }

  /**
   * The cause of what this worker writes: the pod as it last changed (created,
   * bound, being deleted), so `kubelab why` walks from a status or an Event back
   * to what the kubelet acted on.
   */
  private get cause(): number | undefined {
    return Number(this.pod.metadata.resourceVersion) || undefined;
  }

  private apply(update: RuntimeUpdate): void {
    this.runtime = update.runtime;
    for (const e of update.events) {
      void this.deps.events.record(this.pod, { type: e.type, reason: e.reason, message: e.message, ...(e.annotations ? { annotations: e.annotations } : {}) }, e.fieldPath, this.cause);
    }
  }

  /** Carries out one action; true when the runtime changed synchronously. */
  private perform(action: PodAction): boolean {
    switch (action.type) {
      case 'CreateSandbox': {
        if (!this.volumes.mount()) return false;
        const refused = sandboxRefusal(this.deps.runningKubelet()?.cgroupDriver, this.pod);
        if (refused) return this.sandboxFailed(refused);
        const ip = sandboxAddress(this.pod, this.node.hostIP, this.node.ips);
        if (!ip) return false;
        this.apply(sandboxReady(this.runtime, { podIP: ip }));
        return true;
      }
      case 'PullImage':
        return carryOutPull(this.execution, action);
      case 'StartContainer':
        return carryOutStart(this.execution, action.container);
      case 'KillContainer':
        return carryOutKill(this.execution, action);
      case 'StartEphemeralContainer':
      case 'FailEphemeralContainer':
        return carryOutDebug(this.execution, action);
      case 'FailPod':
        this.apply(podFailed(this.runtime, action, this.deps.time.now()));
        return true;
      case 'ConfirmDeletion':
        void this.confirmDeletion();
        return false;
      case 'WaitUntil':
        return false;
    }
  }

  /** containerd refused the sandbox: the kubelet says so (its journal, a FailedCreatePodSandBox Event) and syncs again after its back-off. */
  private sandboxFailed(refused: string): false {
    const pod = `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
    this.deps.runningKubelet()?.say('E', 'log.go:32', `"RunPodSandbox from runtime service failed" err=${JSON.stringify(refused)}`);
    this.deps.runningKubelet()?.say('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err=${JSON.stringify(`failed to "CreatePodSandbox" for "${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})" with CreatePodSandboxError: "Failed to create sandbox for pod: ${refused}"`)} pod="${pod}" podUID="${this.pod.metadata.uid}"`);
    void this.deps.events.record(this.pod, { type: 'Warning', reason: 'FailedCreatePodSandBox', message: `Failed to create pod sandbox: ${refused}` }, undefined, this.cause);
    this.timers.retryFailedSync();
    return false;
  }

  /** Publishes the status when it changed; one update in flight at a time. */
  private report(): void {
    this.reporter.publish(this.pod, podStatus(this.labPod(), this.runtime, this.deps.time.now()), this.cause);
  }

  private async confirmDeletion(): Promise<void> {
    if (this.stopped) return;
    this.stop();
    this.report();
    await this.reporter.flushed();
    const { namespace = '', name = '' } = this.pod.metadata;
    await this.deps.client.delete(pods, namespace, name, 0).catch(() => undefined);
  }

  /** The processes of each of its own containers that runs now (PIDs as the container numbers them), for the node's `ps` and `kill`. */
  containerProcesses(): ContainerProcesses[] {
    return this.containers.ownNames().flatMap((name) => {
      const container = this.containers.own(name);
      return container ? [{ processes: container.processes.list(), signal: (pid: number, signal: string) => container.signalFromNode(pid, signal) }] : [];
    });
  }

  /** The running containers (regular, init, ephemeral) with what they do and the resources their spec sets. */

  runningContainers(): RunningContainer[] {
    return this.containers.withActivity((name) => ownContainerSpec(this.pod, name) ?? this.pod.spec?.ephemeralContainers?.find((c) => c.name === name));
  }

  /** What each emptyDir volume of the pod holds (bytes), by volume name: the kubelet's volume stats. */
  emptyDirUsage(): Map<string, number> {
    return this.volumes.emptyDirUsage();
  }

  /** A chaos drill on one of this pod's running containers (the first app container unless named). */
  chaos(chaos: PodChaos): ChaosAnswer {
    return podChaos(this.pod, this.containers, chaos, this.deps.clock);
  }

  /** True once the pod has failed (evicted, or past its deadline): nothing of it is left to evict. */
  get failed(): boolean {
    return this.runtime.failure !== undefined;
  }

  /** Node-pressure eviction: the pod fails with reason Evicted; a hard threshold gives no grace (SIGKILL). `annotations` say why on the Event. */
  evict(message: string, annotations?: Record<string, string>): void {
    this.apply(podFailed(this.runtime, { type: 'FailPod', reason: 'Evicted', message, ...(annotations ? { annotations } : {}) }, this.deps.time.now()));
    this.containers.killOwn();
    this.sync();
  }

  /** A static pod's new mirror pod (the last one was deleted through the API): the same containers go on under its UID. */
  adoptMirror(mirror: Pod): void {
    this.pod = mirror;
    this.reporter.forget();
    this.report();
  }

  /**
   * The pod with the status this worker last computed (wall time), reported or not: what the node's runtime knows of it.
   * containerd sees a process end whether or not the kubelet runs: while it is stopped, the status is the runtime's now.
   */
  get runtimePod(): Pod {
    const status = this.suspended ? podStatus(this.labPod(), this.runtime, this.deps.time.now()) : this.reporter.lastLabStatus;
    // Go's form (lastProbeTime: null) is what the API stores too.
    return status ? { ...this.pod, status: this.deps.time.convert(status, 'toWall') as Pod['status'] } : this.pod;
  }

  get currentPod(): Pod {
    return this.pod;
  }

  /** Stops everything at once (the pod is gone, or the agent stops). */
  stop(): void {
    this.stopped = true;
    this.timers.stop();
    this.volumes.stop();
    this.containers.killAll();
    if (this.runtime.podIP) this.node.ips.release(this.runtime.podIP);
  }

  /** A ConfigMap or Secret changed: the pod's volumes that project it are made to hold what it says now. */
  volumeSourceChanged(source: VolumeSource): void {
    this.volumes.refreshFiles(source);
  }

  /** A claim or PersistentVolume changed: a pod waiting to mount it tries again. */
  storageChanged(kind: 'PersistentVolumeClaim' | 'PersistentVolume', namespace: string, name: string): void {
    this.volumes.storageChanged(kind, namespace, name);
  }

  /** A container of this pod whose process runs now (regular, init or ephemeral), for exec and attach. */
  runningContainer(name: string): EmulatedContainer | undefined {
    return this.containers.running(name);
  }

  /** An HTTP GET or TCP connect to this pod's containers (Services, other pods). */
  containerListening(port: number): EmulatedContainer | undefined {
    return this.containers.listening(port);
  }
}
