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
  /** A probe's result changed nothing: only the next probe is waited for. */
  probed(): void;
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

/** The state's reads, on the prototype every view shares: as accessors of each view, they made each its own hidden class, 430 bytes. */
const stateReads = Object.defineProperties({}, {
  pod: { get(this: { state: WorkerState }) { return this.state.pod(); } },
  runtime: { get(this: { state: WorkerState }) { return this.state.runtime(); } },
  stopped: { get(this: { state: WorkerState }) { return this.state.stopped(); } },
});

/** A worker's PodExecution: `given`, with the state's reads. */
export function executionView(state: WorkerState, given: Omit<PodExecution, keyof WorkerState>): PodExecution {
  return Object.assign(Object.create(stateReads) as PodExecution, given, { state });
}
