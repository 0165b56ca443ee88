/**
 * One worker per pod (the kubelet's pod worker): it asks the pure lifecycle what to
 * do next (computePodActions), carries the actions out on emulated containers, feeds
 * what happened back (runtime updates and their Events), and reports the status.
 */
import { randomBytes } from 'node:crypto';
import { kubeTime } from '@kubelab/api';
import type { KubeObject } from '@kubelab/api';
import {
  cacheHasImage, containerArgv, decidePull, isImagePullBackingOff, lookupImage, parseImageReference, recordImagePullFailure,
  type ImageBehaviour, type ImagePullBackoff, type ResolvedImage,
} from '@kubelab/images';
import {
  computePodActions, containerCreateFailed, containerExited, containerStartFailed, containerKilling, containerStarted, deletionRequested, dueProbes, imagePulled,
  imagePullFailed, imagePulling, newPodRuntime, podFailed, podStatus, probeResult, sandboxReady,
  type KillContainer, type KubeletPodStatus, type PodAction, type PodRuntime, type RuntimeUpdate,
} from '@kubelab/pod-lifecycle';
import type { ChaosAnswer, PodChaos } from '@kubelab/bus';
import { encodeUtf8, FsError, MemoryFs, resolvePath, Volume } from '@kubelab/shell';
import { adoptPreviousRun } from './adopt-previous-run.js';
import type { NodeRuntimeDeps, NodeState } from './node-host.js';
import { resolveEnv, resolveVolumeFiles } from './runtime/container-config.js';
import { containerFiles, containerHostname } from './runtime/container-files.js';
import { EmulatedContainer, type ContainerActivity } from './runtime/emulated-container.js';
import { runHook, type HookOutcome } from './runtime/hooks.js';
import { memoryMiB } from './runtime/memory.js';
import { PodTokens } from './runtime/pod-tokens.js';
import { runProbe } from './runtime/probes.js';
import { serviceEnv } from './runtime/service-env.js';
import { PodStorage, type StorageMount } from './volumes/pod-storage.js';

const pods = { group: '', version: 'v1', plural: 'pods' };
const maxSyncRounds = 50;
const probeTickSeconds = 1;
/** Real milliseconds before a status report that did not go through is tried again. */
const statusRetryMs = 1000;
const mountRetrySeconds = 2;

export class PodWorker {
  private runtime: PodRuntime;
  private readonly containers = new Map<string, EmulatedContainer>();
  private readonly volumes = new Map<string, Volume>();
  /** The volumes whose files live in the lab's volume store (claims, hostPaths), once mounted. */
  private readonly storage: PodStorage;
  private storageMounts: ReadonlyMap<string, StorageMount> = new Map();
  private readonly busy = new Set<string>();
  private readonly resolved = new Map<string, ResolvedImage>();
  /** Ephemeral containers (kubectl debug): run once, never restarted, outside the lifecycle's sync. */
  private readonly ephemeral = new Map<string, any>();
  /** The running ones among them, for exec and attach. */
  private readonly ephemeralRunning = new Map<string, EmulatedContainer>();
  private wake?: NodeJS.Timeout;
  private mountRetry?: NodeJS.Timeout;
  private probeTicker?: NodeJS.Timeout;
  private stopped = false;
  private lastReported = '';
  private lastLabStatus?: KubeletPodStatus;
  /** The log entry of an exec session that ended a container (`kill 1`): the cause of the next report. */
  private sessionCause?: number;
  private reporting: Promise<void> = Promise.resolve();
  /** The tokens of the pod's projected serviceAccountToken sources. */
  private readonly tokens: PodTokens;

  constructor(private pod: KubeObject, private readonly deps: NodeRuntimeDeps, private readonly node: NodeState) {
    const now = deps.time.now();
    const labPod = { ...pod, status: deps.time.convert(pod.status, 'toLab') };
    this.runtime = adoptPreviousRun(newPodRuntime(labPod, { hostIP: node.hostIP, now }), labPod, now);
    if (pod.status?.podIP) node.ips.claim(pod.status.podIP);
    // Like the kubelet's probe workers: probes keep their own beat, whatever else wakes the pod.
    const probed = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].some((c: any) => c.livenessProbe || c.readinessProbe || c.startupProbe);
    if (probed) this.probeTicker = setInterval(() => this.sync(), deps.clock.realMs(probeTickSeconds));
    this.tokens = new PodTokens({
      client: deps.client, time: deps.time, pod: () => this.pod, changed: () => this.sync(),
      rotated: (token, value) => this.volumes.get(token.volume)?.writeFile(`/${token.path}`, value, false, new Date()),
    });
    this.storage = new PodStorage({
      pod: () => this.pod, node: deps.nodeFacts, reader: deps.client, stores: deps.stores, clock: deps.clock, changed: () => this.sync(),
    });
  }

  get uid(): string {
    return this.pod.metadata.uid!;
  }

  /** The newest desired state of the pod (only the newest matters). */
  update(pod: KubeObject): void {
    const echo = JSON.stringify(pod.status) === this.lastReported && JSON.stringify(pod.spec) === JSON.stringify(this.pod.spec) && pod.metadata.deletionTimestamp === this.pod.metadata.deletionTimestamp;
    this.pod = pod;
    // Our own status report coming back through the informer changes nothing to act on.
    if (echo) return;
    // As the kubelet's status manager reconciles: a status someone else changed (the node
    // controller marking the pod not Ready while the node was unreachable) is set right again.
    this.lastReported = JSON.stringify(pod.status);
    const m = pod.metadata;
    if (m.deletionTimestamp && !this.runtime.deletion) {
      this.apply(deletionRequested(this.runtime, { graceSeconds: m.deletionGracePeriodSeconds ?? 30, now: this.deps.time.now() }));
    }
    this.startEphemeralContainers();
    this.sync();
  }

  private startEphemeralContainers(): void {
    if (this.pod.metadata.deletionTimestamp) return;
    for (const spec of this.pod.spec?.ephemeralContainers ?? []) {
      if (this.ephemeral.has(spec.name)) continue;
      const kubeNow = kubeTime(new Date());
      const found = lookupImage(this.deps.catalog, spec.image);
      if (!found.found) {
        this.ephemeral.set(spec.name, { name: spec.name, image: spec.image, imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull', message: found.failure.message } } });
        continue;
      }
      const container = new EmulatedContainer(found.image, spec, {
        podName: this.pod.metadata.name!, namespace: this.pod.metadata.namespace!, fs: new MemoryFs({ files: this.filesOf(spec, found.image.behaviour) }),
        env: this.baseEnv(found.image.behaviour), clock: this.deps.clock, network: this.deps.network, loopback: (port, path) => this.containerListening(port)?.httpGet(port, path),
        log: (text) => this.deps.logs(this.uid).append(spec.name, text, new Date()),
        // kubectl debug --target: the debug container joins the target's process namespace.
        sharedProcesses: spec.targetContainerName ? this.containers.get(spec.targetContainerName)?.processes : undefined,
      });
      this.deps.logs(this.uid).startRun(spec.name);
      this.ephemeralRunning.set(spec.name, container);
      const containerID = `containerd://${randomBytes(32).toString('hex')}`;
      const base = { name: spec.name, image: found.image.image, imageID: found.image.imageID, containerID, ready: false, restartCount: 0 };
      this.ephemeral.set(spec.name, { ...base, state: { running: { startedAt: kubeNow } } });
      void this.deps.events.record(this.pod, { type: 'Normal', reason: 'Started', message: `Started container ${spec.name}` }, `spec.ephemeralContainers{${spec.name}}`);
      void container.run().then((exit) => {
        this.deps.logs(this.uid).endRun(spec.name);
        this.ephemeralRunning.delete(spec.name);
        const finishedAt = kubeTime(new Date());
        this.ephemeral.set(spec.name, { ...base, state: { terminated: { exitCode: exit.exitCode, reason: exit.exitCode === 0 ? 'Completed' : 'Error', startedAt: kubeNow, finishedAt, containerID } } });
        this.report();
      });
    }
  }

  /** Sync: probes that are due, then actions until only waiting is left. */
  sync(): void {
    if (this.stopped) return;
    this.runDueProbes();
    for (let round = 0; round < maxSyncRounds; round++) {
      const actions = computePodActions(this.labPod(), this.runtime, this.deps.time.now());
      const progressed = actions.map((a) => this.perform(a)).some(Boolean);
      if (!progressed) {
        this.scheduleWake(actions);
        break;
      }
    }
    this.report();
  }

  /**
   * The pod as the lifecycle reads it, on lab time. The status is the one this worker
   * last computed (converting its own report back from wall-clock time would round its
   * timestamps, and every round would look like a change); conditions others own
   * (readiness gates) come from the stored pod.
   */
  private labPod(): KubeObject {
    if (!this.lastLabStatus) return { ...this.pod, status: this.deps.time.convert(this.pod.status, 'toLab') };
    const gates = new Set((this.pod.spec?.readinessGates ?? []).map((g: any) => g.conditionType));
    const foreign = (this.pod.status?.conditions ?? []).filter((c: any) => gates.has(c.type));
    const own = (this.lastLabStatus.conditions ?? []).filter((c: any) => !gates.has(c.type));
    return { ...this.pod, status: { ...this.lastLabStatus, conditions: [...own, ...this.deps.time.convert(foreign, 'toLab')] } };
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
      void this.deps.events.record(this.pod, { type: e.type as 'Normal' | 'Warning', reason: e.reason, message: e.message, ...(e.annotations ? { annotations: e.annotations } : {}) }, e.fieldPath, this.cause);
    }
  }

  /** Carries out one action; true when the runtime changed synchronously. */
  private perform(action: PodAction): boolean {
    const now = this.deps.time.now();
    switch (action.type) {
      case 'CreateSandbox': {
        if (!this.mountVolumes()) return false;
        const ip = this.node.ips.allocate();
        if (!ip) return false;
        this.apply(sandboxReady(this.runtime, { podIP: ip }));
        return true;
      }
      case 'PullImage':
        return this.pullImage(action.container, action.image, action.pullPolicy as 'Always' | 'IfNotPresent' | 'Never');
      case 'StartContainer':
        return this.startContainer(action.container);
      case 'KillContainer':
        return this.killContainer(action);
      case 'FailPod':
        this.apply(podFailed(this.runtime, action, now));
        return true;
      case 'ConfirmDeletion':
        void this.confirmDeletion();
        return false;
      case 'WaitUntil':
        return false;
    }
  }

  private scheduleWake(actions: PodAction[]): void {
    clearTimeout(this.wake);
    const waits = actions.filter((a): a is Extract<PodAction, { type: 'WaitUntil' }> => a.type === 'WaitUntil').map((a) => a.at.getTime());
    if (waits.length === 0) return;
    const ms = this.deps.time.msUntil(new Date(Math.min(...waits)));
    this.wake = setTimeout(() => this.sync(), Math.max(5, ms));
  }

  private pullImage(name: string, image: string, policy: 'Always' | 'IfNotPresent' | 'Never'): boolean {
    if (this.busy.has(`pull:${name}`)) return false;
    const now = this.deps.time.now();
    const backoffKey = `${this.uid}_${image}`;
    const backoff: ImagePullBackoff | undefined = this.node.pullBackoff.get(backoffKey);
    if (isImagePullBackingOff(backoff, now.getTime() / 1000)) {
      this.apply(imagePullFailed(this.runtime, name, { reason: 'ImagePullBackOff', now }));
      return true;
    }
    let reference;
    try {
      reference = parseImageReference(image);
    } catch {
      this.apply(imagePullFailed(this.runtime, name, { reason: 'InvalidImageName', now }));
      return true;
    }
    const found = lookupImage(this.deps.catalog, reference);
    const decision = decidePull(policy, cacheHasImage(this.node.images, reference));
    if (decision === 'never-pull') {
      this.apply(imagePullFailed(this.runtime, name, { reason: 'ErrImageNeverPull', now }));
      return true;
    }
    if (decision === 'use-cached' && found.found) {
      this.resolved.set(name, found.image);
      this.apply(imagePulled(this.runtime, name, { imageID: found.image.imageID, image: found.image.image }));
      return true;
    }
    this.apply(imagePulling(this.runtime, name));
    this.busy.add(`pull:${name}`);
    const pullSeconds = found.found ? found.image.pullSeconds : 1;
    const started = Date.now();
    void this.deps.clock.sleep(pullSeconds).then(() => {
      this.busy.delete(`pull:${name}`);
      if (this.stopped) return;
      const at = this.deps.time.now();
      if (!found.found) {
        this.node.pullBackoff.set(backoffKey, recordImagePullFailure(this.node.pullBackoff.get(backoffKey), at.getTime() / 1000));
        this.apply(imagePullFailed(this.runtime, name, { reason: 'ErrImagePull', message: found.failure.message, now: at }));
      } else {
        this.node.cacheImage(found.image);
        this.resolved.set(name, found.image);
        const pullMs = (Date.now() - started) * this.deps.clock.scale;
        this.apply(imagePulled(this.runtime, name, { imageID: found.image.imageID, image: found.image.image, pulled: { pullMs, totalMs: pullMs, sizeBytes: found.image.sizeBytes } }));
      }
      this.sync();
    });
    return true;
  }

  private specOf(name: string): any {
    const spec = this.pod.spec ?? {};
    return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c: any) => c.name === name);
  }

  /**
   * Fills the configMap, secret and projected volumes and mounts the claims and hostPaths
   * before the sandbox, as the kubelet's volume manager does; while one cannot be mounted
   * the pod stays ContainerCreating, a FailedMount event says why, and the mount is tried again.
   */
  private mountVolumes(): boolean {
    const tokens = this.tokens.check();
    if (!tokens.ready) {
      if (tokens.failure) this.failedMount(tokens.failure.volume, tokens.failure.message);
      return false;
    }
    const resolved = resolveVolumeFiles(this.pod, this.deps.config, {
      allocatable: this.node.allocatable, serviceAccountToken: (volume, path) => this.tokens.token(volume, path),
    });
    if (!resolved.ok) {
      this.failedMount('volume' in resolved ? resolved.volume : '', resolved.message);
      return false;
    }
    for (const [name, files] of resolved.value) if (!this.volumes.has(name)) this.volumes.set(name, new Volume(files));
    const storage = this.storage.check();
    if (!storage.ready) {
      for (const message of storage.failures) void this.deps.events.record(this.pod, { type: 'Warning', reason: 'FailedMount', message }, undefined, this.cause);
      return false;
    }
    this.storageMounts = storage.mounts;
    return true;
  }

  /** A volume that cannot be set up: a FailedMount event says why, and the mount is tried again. */
  private failedMount(volume: string, message: string): void {
    void this.deps.events.record(this.pod, { type: 'Warning', reason: 'FailedMount', message: `MountVolume.SetUp failed for volume "${volume}" : ${message}` }, undefined, this.cause);
    clearTimeout(this.mountRetry);
    this.mountRetry = setTimeout(() => this.sync(), this.deps.clock.realMs(mountRetrySeconds));
  }

  private volume(name: string): Volume {
    let v = this.volumes.get(name);
    if (!v) this.volumes.set(name, (v = new Volume()));
    return v;
  }

  private get hostname(): string {
    return containerHostname(this.pod, this.node.name, this.deps.dns.domain);
  }

  /** The image's environment with the Service variables and the hostname, under what the container's spec sets. */
  private baseEnv(behaviour: ImageBehaviour): Record<string, string> {
    return { ...behaviour.env, ...serviceEnv(this.deps.services(), this.pod), HOSTNAME: this.hostname };
  }

  /** The image's files with what the kubelet and the runtime add (/etc/hosts, resolv.conf, the ServiceAccount mount, /proc). */
  private filesOf(spec: any, behaviour: ImageBehaviour): Record<string, string> {
    const added = containerFiles({
      pod: this.pod, podIP: this.runtime.podIP ?? '', node: { name: this.node.name, ip: this.node.hostIP, allocatable: this.node.allocatable },
      dns: this.deps.dns, container: spec, argv: containerArgv(behaviour, spec.command, spec.args),
    });
    return { ...behaviour.files, ...added };
  }

  private startContainer(name: string): boolean {
    const image = this.resolved.get(name);
    const spec = this.specOf(name);
    if (!image || !spec || this.busy.has(`start:${name}`)) return false;
    // A pod adopted from an earlier run of the agent has its sandbox but not yet its volumes' files.
    if (!this.mountVolumes()) return false;
    const fs = new MemoryFs({ files: this.filesOf(spec, image.behaviour) });
    const mountFailure = this.mountInto(fs, spec);
    const resolved = mountFailure === undefined ? resolveEnv(spec, this.pod, this.baseEnv(image.behaviour), this.deps.config, this.node.allocatable) : { ok: false as const, message: mountFailure };
    if (!resolved.ok) {
      this.apply(containerCreateFailed(this.runtime, name, { message: resolved.message, now: this.deps.time.now() }));
      return true;
    }
    const env = resolved.value;
    this.deps.logs(this.uid).startRun(name);
    const container = new EmulatedContainer(image, spec, {
      podName: this.pod.metadata.name!, namespace: this.pod.metadata.namespace!, fs, env, clock: this.deps.clock,
      network: this.deps.network, loopback: (port, path) => this.containerListening(port)?.httpGet(port, path), memoryLimitMiB: memoryMiB(spec.resources?.limits?.memory),
      chargedMemoryMiB: () => this.tmpfsChargedTo(name),
      log: (text) => this.deps.logs(this.uid).append(name, text, new Date()),
    });
    const containerID = `containerd://${randomBytes(32).toString('hex')}`;
    const startFailure = container.startFailure;
    if (startFailure !== undefined) {
      this.deps.logs(this.uid).endRun(name);
      this.apply(containerStartFailed(this.runtime, name, { containerID, message: startFailure, now: this.deps.time.now() }));
      return true;
    }
    this.containers.set(name, container);
    let started = false;
    const markStarted = () => {
      if (started) return;
      started = true;
      this.apply(containerStarted(this.runtime, name, { containerID, now: this.deps.time.now() }));
    };
    void container.run().then((exit) => {
      this.deps.logs(this.uid).endRun(name);
      if (this.containers.get(name) === container) this.containers.delete(name);
      if (this.stopped) return;
      markStarted();
      this.sessionCause = container.endedBySession ?? this.sessionCause;
      this.apply(containerExited(this.runtime, name, { ...exit, now: this.deps.time.now() }));
      this.sync();
    });
    const postStart = spec.lifecycle?.postStart;
    if (!postStart) {
      markStarted();
      return true;
    }
    // As the kubelet: the container counts as started only once its postStart hook returned.
    this.busy.add(`start:${name}`);
    void runHook(postStart, container, this.deps.clock, this.pod.spec?.terminationGracePeriodSeconds ?? 30).then((outcome) => {
      this.busy.delete(`start:${name}`);
      if (this.stopped || this.containers.get(name) !== container) return;
      markStarted();
      if (!outcome.ok) {
        void this.deps.events.record(this.pod, { type: 'Warning', reason: 'FailedPostStartHook', message: outcome.message ?? 'postStart hook failed' }, `spec.containers{${name}}`);
        container.kill();
      }
      this.sync();
    });
    return true;
  }

  /**
   * Mounts the container's volumeMounts: a store-backed volume at its path (a hostPath's, on the node's disk), a subPath
   * below it, made a directory first when missing as the kubelet makes it; what stops the container being created, if anything.
   */
  private mountInto(fs: MemoryFs, spec: any): string | undefined {
    for (const mount of spec.volumeMounts ?? []) {
      const stored = this.storageMounts.get(mount.name);
      const volume = stored?.volume ?? this.volume(mount.name);
      const subPath = mount.subPath ? `${stored?.subPath ?? ''}/${mount.subPath}` : stored?.subPath;
      if (mount.subPath) {
        const inVolume = resolvePath(encodeUtf8(subPath!));
        try {
          if (!volume.stat(inVolume)) volume.makeDirectory(inVolume, true, new Date());
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          return `failed to create subPath directory for volumeMount "${mount.name}" of container "${spec.name}"`;
        }
      }
      fs.mount(mount.mountPath, volume, { readOnly: mount.readOnly || stored?.readOnly, ...(subPath ? { subPath } : {}) });
    }
    return undefined;
  }

  /** preStop (within the grace period), then TERM, then KILL when the grace runs out. */
  private killContainer(action: KillContainer): boolean {
    const container = this.containers.get(action.container);
    this.apply(containerKilling(this.runtime, action, this.deps.time.now()));
    if (!container) return true;
    void this.deps.clock.sleep(action.graceSeconds).then(() => container.kill());
    const preStop = this.specOf(action.container)?.lifecycle?.preStop;
    const hook: Promise<HookOutcome> = preStop ? runHook(preStop, container, this.deps.clock, action.graceSeconds) : Promise.resolve({ ok: true });
    void hook.then((outcome) => {
      if (!outcome.ok) void this.deps.events.record(this.pod, { type: 'Warning', reason: 'FailedPreStopHook', message: outcome.message ?? 'preStop hook failed' }, `spec.containers{${action.container}}`);
      container.terminate();
    });
    return true;
  }

  private runDueProbes(): void {
    for (const due of dueProbes(this.labPod(), this.runtime, this.deps.time.now())) {
      const key = `probe:${due.container}:${due.probe}`;
      const container = this.containers.get(due.container);
      if (this.busy.has(key) || !container) continue;
      this.busy.add(key);
      void runProbe(due.spec, container, this.runtime.podIP, due.probe).then((outcome) => {
        this.busy.delete(key);
        if (this.stopped || this.containers.get(due.container) !== container) return;
        this.apply(probeResult(this.runtime, due.container, due.probe, { ...outcome, now: this.deps.time.now() }));
        this.sync();
      });
    }
  }

  /** Publishes the status when it changed; one update in flight at a time. */
  private report(): void {
    this.lastLabStatus = podStatus(this.labPod(), this.runtime, this.deps.time.now());
    const status: Record<string, unknown> = this.deps.time.convert(this.lastLabStatus, 'toWall');
    if (this.ephemeral.size > 0) status.ephemeralContainerStatuses = [...this.ephemeral.values()];
    const text = JSON.stringify(status);
    if (text === this.lastReported) return;
    this.lastReported = text;
    // As the kubelet's PatchPodStatus: the status alone, each top-level field it no longer has set to null.
    const dropped = Object.keys(this.pod.status ?? {}).filter((k) => !(k in status));
    const patch = { status: { ...Object.fromEntries(dropped.map((k) => [k, null])), ...status } };
    const cause = this.sessionCause ?? this.cause;
    this.sessionCause = undefined;
    this.reporting = this.reporting.then(() =>
      this.deps.client.patchStatus(pods, this.pod.metadata.namespace!, this.pod.metadata.name!, patch, cause).then(
        () => undefined,
        (e: Error) => {
          this.deps.log.debug({ err: e.message, pod: this.pod.metadata.name }, 'status not reported');
          // Not reported (the api-server or NATS was down): try again until it is.
          if (this.lastReported === text) this.lastReported = '';
          if (!this.stopped) setTimeout(() => this.stopped || this.report(), statusRetryMs).unref();
        },
      ),
    );
  }

  private async confirmDeletion(): Promise<void> {
    if (this.stopped) return;
    this.stop();
    this.report();
    await this.reporting;
    await this.deps.client.delete(pods, this.pod.metadata.namespace!, this.pod.metadata.name!, 0).catch(() => undefined);
  }

  /**
   * The memory-backed emptyDirs charged to a container (MiB): tmpfs pages count against the cgroup that holds them,
   * here the first running container (in spec order) that mounts the volume.
   */
  private tmpfsChargedTo(name: string): number {
    const spec = this.pod.spec ?? {};
    const specs: any[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    let bytes = 0;
    for (const volume of spec.volumes ?? []) {
      if (volume.emptyDir?.medium !== 'Memory') continue;
      const holder = specs.find((c) => this.containers.has(c.name) && (c.volumeMounts ?? []).some((m: any) => m.name === volume.name));
      if (holder?.name === name) bytes += this.volumes.get(volume.name)?.usedBytes() ?? 0;
    }
    return bytes / 1048576;
  }

  /** The running containers (regular, init, ephemeral) with what they do and the resources their spec sets. */
  runningContainers(): { name: string; spec: any; activity: ContainerActivity }[] {
    const running = [...this.containers.entries(), ...this.ephemeralRunning.entries()];
    const ephemeralSpecs: any[] = this.pod.spec?.ephemeralContainers ?? [];
    return running.map(([name, container]) => ({ name, spec: this.specOf(name) ?? ephemeralSpecs.find((c) => c.name === name) ?? {}, activity: container.activity }));
  }

  /** What each emptyDir volume of the pod holds (bytes), by volume name: the kubelet's volume stats. */
  emptyDirUsage(): Map<string, number> {
    const used = new Map<string, number>();
    for (const volume of this.pod.spec?.volumes ?? []) {
      const stored = volume.emptyDir ? this.volumes.get(volume.name) : undefined;
      if (stored) used.set(volume.name, stored.usedBytes());
    }
    return used;
  }

  /** A chaos drill on one of this pod's running containers (the first app container unless named). */
  chaos(chaos: PodChaos): ChaosAnswer {
    const podName = this.pod.metadata.name;
    const name = chaos.container ?? this.pod.spec?.containers?.[0]?.name;
    const container = this.containers.get(name);
    if (!container) {
      const running = [...this.containers.keys()];
      return { ok: false, message: `container "${name}" of pod ${podName} is not running${running.length ? `; running: ${running.join(', ')}` : ''}` };
    }
    if (chaos.action === 'crash') {
      container.crash(chaos.exitCode ?? 1);
      return { ok: true, message: `container ${name} of pod ${podName} exited with code ${chaos.exitCode ?? 1}` };
    }
    if (chaos.action === 'oom') {
      container.oomKill();
      return { ok: true, message: `container ${name} of pod ${podName} was OOM-killed (exit 137)` };
    }
    const probe = chaos.probe ?? 'liveness';
    if (!this.specOf(name)?.[`${probe}Probe`]) return { ok: false, message: `container ${name} of pod ${podName} has no ${probe}Probe: nothing would notice it is unhealthy` };
    const seconds = chaos.forSeconds ?? 60;
    container.failProbe(probe, Date.now() + this.deps.clock.realMs(seconds));
    return { ok: true, message: `the ${probe} probe of container ${name} in pod ${podName} fails for ${seconds}s` };
  }

  /** True once the pod has failed (evicted, or past its deadline): nothing of it is left to evict. */
  get failed(): boolean {
    return this.runtime.failure !== undefined;
  }

  /** Node-pressure eviction: the pod fails with reason Evicted; a hard threshold gives no grace (SIGKILL). `annotations` say why on the Event. */
  evict(message: string, annotations?: Record<string, string>): void {
    this.apply(podFailed(this.runtime, { type: 'FailPod', reason: 'Evicted', message, ...(annotations ? { annotations } : {}) }, this.deps.time.now()));
    for (const c of this.containers.values()) c.kill();
    this.sync();
  }

  /** A static pod's new mirror pod (the last one was deleted through the API): the same containers go on under its UID. */
  adoptMirror(mirror: KubeObject): void {
    this.pod = mirror;
    this.lastReported = '';
    this.report();
  }

  get currentPod(): KubeObject {
    return this.pod;
  }

  /** Stops everything at once (the pod is gone, or the agent stops). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.wake);
    clearTimeout(this.mountRetry);
    clearInterval(this.probeTicker);
    this.tokens.stop();
    for (const c of [...this.containers.values(), ...this.ephemeralRunning.values()]) c.kill();
    this.containers.clear();
    this.ephemeralRunning.clear();
    this.storage.stop();
    if (this.runtime.podIP) this.node.ips.release(this.runtime.podIP);
  }

  /** A claim or PersistentVolume changed: a pod waiting to mount it tries again. */
  storageChanged(kind: 'PersistentVolumeClaim' | 'PersistentVolume', namespace: string, name: string): void {
    this.storage.changedObject(kind, namespace, name);
  }

  /** A container of this pod whose process runs now (regular, init or ephemeral), for exec and attach. */
  runningContainer(name: string): EmulatedContainer | undefined {
    return this.containers.get(name) ?? this.ephemeralRunning.get(name);
  }

  /** An HTTP GET or TCP connect to this pod's containers (Services, other pods). */
  containerListening(port: number): EmulatedContainer | undefined {
    return [...this.containers.values()].find((c) => c.listensOn(port));
  }
}
