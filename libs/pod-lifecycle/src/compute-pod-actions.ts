/**
 * The kubelet's decision for one pod at one instant (syncPod / computePodActions /
 * SyncTerminatingPod), as data. A deleted pod has every running container killed with the
 * deletion's grace and is confirmed once none runs; a pod past activeDeadlineSeconds is failed
 * and stopped; otherwise the sandbox comes first, then the init containers one at a time, then
 * the app containers, each resolved (PullImage, with the image manager's decision: pull, use the
 * node's copy, or refuse) before it starts, restarted per restartPolicy after its back-off, and
 * killed when its liveness or startup probe failed. Debug containers the spec gained start once,
 * unless the pod is being deleted. A WaitUntil names the next instant something becomes due.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { probeSchedule } from './due-probes.js';
import { ephemeralContainerActions } from './ephemeral-containers.js';
import { decideImage, type NodeImages } from './image-decision.js';
import { initProgress } from './init-progress.js';
import type { KillContainer, PodAction } from './pod-actions.js';
import { anyContainerRunning, podFinished } from './pod-finished.js';
import { appContainersOf, initContainersOf, probeOf, specOf } from './pod-spec.js';
import { wantsToRun } from './restart-rules.js';
import type { ContainerRuntime, Deletion, KillReason, PodRuntime } from './runtime-model.js';
import { addSeconds } from './time.js';
import type { KubeletPod } from './kubelet-pod.js';

/** The reason and message the kubelet's active deadline handler gives. */
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' } as const;

/** killContainer never gives less than 2 s unless the grace is an override (deletion, deadline). */
const MINIMUM_KILL_GRACE_SECONDS = 2;

function kill(container: ContainerRuntime, reason: KillReason, message: string, graceSeconds: number): KillContainer {
  return { type: 'KillContainer', container: container.name, kind: container.kind, reason, message, graceSeconds };
}

function specsInOrder(pod: KubeletPod): Container[] {
  return [...initContainersOf(pod), ...appContainersOf(pod)];
}

function running(pod: KubeletPod, runtime: PodRuntime): ContainerRuntime[] {
  return specsInOrder(pod)
    .map((spec) => runtime.containers[spec.name])
    .filter((c): c is ContainerRuntime => c?.state === 'running');
}

function stopDeadline(container: ContainerRuntime): number {
  const stopping = container.stopping;
  return stopping ? addSeconds(stopping.requestedAt, stopping.graceSeconds).getTime() : Infinity;
}

/**
 * Deletion: kill what runs, once per request (again when a later request ends sooner than the kill
 * already under way), confirm once nothing runs. A kill made after the request, even a moment after
 * it, is that request's kill: its grace counts from when it began, as the kubelet's does.
 */
function deletionActions(pod: KubeletPod, runtime: PodRuntime, deletion: Deletion): PodAction[] {
  if (!anyContainerRunning(runtime)) return [{ type: 'ConfirmDeletion' }];
  const grace = Math.max(1, deletion.graceSeconds);
  const deadline = addSeconds(deletion.requestedAt, grace).getTime();
  const killedForThisRequest = (c: ContainerRuntime) => c.stopping !== undefined && Date.parse(c.stopping.requestedAt) >= Date.parse(deletion.requestedAt);
  return running(pod, runtime)
    .filter((c) => !killedForThisRequest(c) && stopDeadline(c) > deadline)
    .map((c) => kill(c, 'Deleting', `Stopping container ${c.name}`, grace));
}

/** A failed pod: stop what runs with the pod's termination grace period. */
function deadlineKills(pod: KubeletPod, runtime: PodRuntime): PodAction[] {
  const grace = Math.max(1, specOf(pod).terminationGracePeriodSeconds ?? 0);
  return running(pod, runtime)
    .filter((c) => !c.stopping)
    .map((c) => kill(c, 'DeadlineExceeded', `Stopping container ${c.name}`, grace));
}

function activeDeadline(pod: KubeletPod, runtime: PodRuntime): Date | undefined {
  const seconds = specOf(pod).activeDeadlineSeconds;
  return seconds === undefined ? undefined : addSeconds(runtime.startTime, seconds);
}

/** Collects the actions and the instants worth waking up for. */
class Plan {
  readonly actions: PodAction[] = [];
  private readonly wakes: number[] = [];

  wakeAt(at: Date | string | undefined): void {
    if (at !== undefined) this.wakes.push(new Date(at).getTime());
  }

  withWakeUp(now: Date): PodAction[] {
    const next = Math.min(...this.wakes.filter((at) => at > now.getTime()));
    return Number.isFinite(next) ? [...this.actions, { type: 'WaitUntil', at: new Date(next) }] : this.actions;
  }
}

/** What the start of a container reads besides the pod: its runtime, the node's images and the instant. */
interface StartInputs {
  readonly runtime: PodRuntime;
  readonly images: NodeImages;
  readonly now: Date;
}

/** Resolve the image, then start; or wait for a retry, a back-off or a pull in progress. */
function planStart(plan: Plan, spec: Container, container: ContainerRuntime, { runtime, images, now }: StartInputs): void {
  if (container.pull.phase === 'pulling') return;
  const blocked = [container.retryAt, container.backoff?.until].filter((at): at is string => !!at && Date.parse(at) > now.getTime());
  if (blocked.length) {
    blocked.forEach((at) => plan.wakeAt(at));
    return;
  }
  if (container.pull.phase === 'pulled') {
    plan.actions.push({ type: 'StartContainer', container: container.name, kind: container.kind });
    return;
  }
  const image = spec.image ?? container.image;
  const decision = decideImage(runtime.pod.uid, image, spec.imagePullPolicy, images, now);
  plan.actions.push({ type: 'PullImage', container: container.name, kind: container.kind, image, decision });
}

/** A running container whose liveness or startup probe failed is killed (and restarted unless Never). */
function probeKill(pod: KubeletPod, spec: Container, container: ContainerRuntime, runtime: PodRuntime): KillContainer | undefined {
  if (container.stopping) return undefined;
  const failed = container.probes.liveness?.outcome === 'failure' ? 'liveness' : container.probes.startup?.outcome === 'failure' ? 'startup' : undefined;
  if (!failed) return undefined;
  const restart = runtime.restartPolicy !== 'Never' ? ', will be restarted' : '';
  const grace = probeOf(spec, failed)?.terminationGracePeriodSeconds ?? specOf(pod).terminationGracePeriodSeconds ?? MINIMUM_KILL_GRACE_SECONDS;
  return kill(container, 'Unhealthy', `Container ${container.name} failed ${failed} probe${restart}`, Math.max(MINIMUM_KILL_GRACE_SECONDS, grace));
}

/** A running container whose spec now names another image is killed and started again with it. */
function definitionChange(pod: KubeletPod, spec: Container, container: ContainerRuntime): KillContainer | undefined {
  if (container.stopping || spec.image === undefined || spec.image === container.image) return undefined;
  const grace = Math.max(MINIMUM_KILL_GRACE_SECONDS, specOf(pod).terminationGracePeriodSeconds ?? MINIMUM_KILL_GRACE_SECONDS);
  return { ...kill(container, 'DefinitionChanged', `Container ${container.name} definition changed, will be restarted`, grace), image: spec.image };
}

function planContainers(plan: Plan, pod: KubeletPod, inputs: StartInputs): void {
  const { runtime } = inputs;
  const progress = initProgress(pod, runtime);
  if (!progress.done) {
    const next = progress.next;
    const spec = next && initContainersOf(pod).find((c) => c.name === next.name);
    if (next && spec && wantsToRun(runtime, next)) planStart(plan, spec, next, inputs);
    return;
  }
  for (const spec of appContainersOf(pod)) {
    const container = runtime.containers[spec.name];
    if (!container) continue;
    if (container.state === 'running') {
      const stop = definitionChange(pod, spec, container) ?? probeKill(pod, spec, container, runtime);
      if (stop) plan.actions.push(stop);
    } else if (wantsToRun(runtime, container)) {
      planStart(plan, spec, container, inputs);
    }
  }
}

/**
 * What the kubelet does next for this pod at `now`, given the node's images. Debug containers start whatever state the
 * pod is in short of deletion (a failed or finished pod included), ahead of the rest as the kubelet's SyncPod runs them.
 */
export function computePodActions(pod: KubeletPod, runtime: PodRuntime, now: Date, images: NodeImages): PodAction[] {
  if (runtime.deletion) return deletionActions(pod, runtime, runtime.deletion);
  const debug = ephemeralContainerActions(pod, runtime, images);
  if (runtime.failure) return [...debug, ...deadlineKills(pod, runtime)];
  if (podFinished(pod, runtime)) return debug;
  const deadline = activeDeadline(pod, runtime);
  if (deadline && deadline.getTime() <= now.getTime()) return [...debug, { type: 'FailPod', ...DEADLINE_EXCEEDED }, ...deadlineKills(pod, runtime)];
  const plan = new Plan();
  plan.actions.push(...debug);
  plan.wakeAt(deadline);
  if (runtime.sandbox === 'none') plan.actions.push({ type: 'CreateSandbox' });
  else planContainers(plan, pod, { runtime, images, now });
  for (const probe of probeSchedule(pod, runtime)) plan.wakeAt(probe.dueAt);
  return plan.withWakeUp(now);
}
