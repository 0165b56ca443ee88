/**
 * What carrying out the lifecycle's actions needs of a pod's worker: the newest pod and the runtime the lifecycle keeps,
 * the node and its shared services, the pod's running containers and volumes, and the way to report an outcome back
 * (apply) and ask for the next decision (sync). The carry-out modules read it; the worker alone implements it.
 */
import type { Pod } from '@kubelab/api';
import type { ResolvedImage } from '@kubelab/images';
import type { PodRuntime, RuntimeUpdate } from '@kubelab/pod-lifecycle';
import type { NodeRuntimeDeps } from '../node-runtime-deps.js';
import type { NodeState } from '../node-state.js';
import type { PodContainers } from './pod-containers.js';
import type { PodVolumes } from './pod-volumes.js';

export interface PodExecution {
  readonly pod: Pod;
  readonly runtime: PodRuntime;
  readonly deps: NodeRuntimeDeps;
  readonly node: NodeState;
  readonly containers: PodContainers;
  readonly volumes: PodVolumes;
  /** The image each container's next run starts from, as its pull resolved it. */
  readonly images: Map<string, ResolvedImage>;
  /** Work under way by key (a postStart hook, a probe), so a sync does not begin it twice. */
  readonly inFlight: Set<string>;
  /** True once the pod is gone or the agent stops: late outcomes are dropped. */
  readonly stopped: boolean;
  /** Records an outcome: the lifecycle's next runtime, and its Events. */
  apply(update: RuntimeUpdate): void;
  /** Decides and carries out again (something finished). */
  sync(): void;
  /** Publishes the status now (a debug container ended). */
  report(): void;
  /** A lifecycle hook failed: the kubelet's Warning event on the container. */
  hookFailed(reason: 'FailedPostStartHook' | 'FailedPreStopHook', message: string, fieldPath: string): void;
  /** An exec session ended a container (`kill 1`): its log entry is the cause of the next report. */
  sessionEnded(cause: number | undefined): void;
}

/** What a worker's pod, runtime and stop state are now: read at each access, as they change. */
export interface WorkerState {
  pod(): Pod;
  runtime(): PodRuntime;
  stopped(): boolean;
}

/**
 * A worker's PodExecution. A class, not an object literal with getters: V8 makes such a literal a dictionary, 830
 * bytes more for every pod an agent runs.
 */
export class ExecutionView implements PodExecution {
  readonly deps: NodeRuntimeDeps;
  readonly node: NodeState;
  readonly containers: PodContainers;
  readonly volumes: PodVolumes;
  readonly images: Map<string, ResolvedImage>;
  readonly inFlight: Set<string>;
  readonly apply: PodExecution['apply'];
  readonly sync: PodExecution['sync'];
  readonly report: PodExecution['report'];
  readonly hookFailed: PodExecution['hookFailed'];
  readonly sessionEnded: PodExecution['sessionEnded'];

  constructor(private readonly state: WorkerState, given: Omit<PodExecution, keyof WorkerState>) {
    this.deps = given.deps;
    this.node = given.node;
    this.containers = given.containers;
    this.volumes = given.volumes;
    this.images = given.images;
    this.inFlight = given.inFlight;
    this.apply = given.apply;
    this.sync = given.sync;
    this.report = given.report;
    this.hookFailed = given.hookFailed;
    this.sessionEnded = given.sessionEnded;
  }

  get pod(): Pod {
    return this.state.pod();
  }

  get runtime(): PodRuntime {
    return this.state.runtime();
  }

  get stopped(): boolean {
    return this.state.stopped();
  }
}
