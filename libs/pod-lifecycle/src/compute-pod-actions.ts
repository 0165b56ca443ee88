/**
 * The kubelet's decision for one pod at one instant (syncPod / computePodActions /
 * SyncTerminatingPod), as data. A deleted pod has every running container killed with the
 * deletion's grace and is confirmed once none runs; a pod past activeDeadlineSeconds is failed
 * and stopped; a pod whose main containers are done has the sidecars that still run stopped (sidecars always stop
 * after the app containers, the last declared first). Otherwise the sandbox comes first, then the init containers one
 * at a time (a sidecar lets the next one start once it has started, and is kept running), then
 * the app containers, each resolved (PullImage, with the image manager's decision: pull, use the
 * node's copy, or refuse) before it starts, restarted per restartPolicy after its back-off, and
 * killed when its liveness or startup probe failed. Debug containers the spec gained start once,
 * unless the pod is being deleted. A WaitUntil names the next instant something becomes due.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { crashLoopShownAt } from './crash-loop.js';
import { probeSchedule } from './due-probes.js';
import { ephemeralContainerActions } from './ephemeral-containers.js';
import { decideImage, type NodeImages } from './image-decision.js';
import { initProgress } from './init-progress.js';
import type { KillContainer, PodAction } from './pod-actions.js';
import { anyContainerRunning, podFinished } from './pod-finished.js';
import { appContainersOf, initContainersOf, probeOf, specOf } from './pod-spec.js';
import { latestExit, mainContainersDone, wantsToRun } from './restart-rules.js';
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

/** One pod-wide stop (deletion, deadline, eviction, finished main containers): its reason, grace and start. */
interface PodStop {
  reason: KillReason;
  graceSeconds: number;
  since: string;
}

/**
 * The running containers whose turn to stop has come (kubelet terminationOrdering): the app containers and regular
 * init containers at once; a sidecar once no app container and no sidecar declared after it still runs, or once the
 * stop's grace is spent. A sidecar stopped late gets what is left of the grace (at least the kubelet's 2 s), as the
 * kubelet's killContainer takes the time it waited for its turn off the grace.
 */
function stopsInTurn(pod: KubeletPod, runtime: PodRuntime, stop: PodStop, now: Date): { kills: KillContainer[]; heldUntil?: Date } {
  const deadline = addSeconds(stop.since, stop.graceSeconds);
  const graceSpent = deadline.getTime() <= now.getTime();
  const all = running(pod, runtime);
  const appsRunning = all.some((c) => c.kind === 'app');
  const sidecars = initContainersOf(pod).map((spec) => runtime.containers[spec.name]).filter((c): c is ContainerRuntime => c?.sidecar === true);
  const laterSidecarRunning = (c: ContainerRuntime) => sidecars.slice(sidecars.indexOf(c) + 1).some((s) => s.state === 'running');
  const inTurn = all.filter((c) => !c.sidecar || graceSpent || (!appsRunning && !laterSidecarRunning(c)));
  const waited = Math.floor(Math.max(0, now.getTime() - Date.parse(stop.since)) / 1000);
  const kills = inTurn.map((c) => {
    const grace = c.sidecar ? Math.max(Math.min(MINIMUM_KILL_GRACE_SECONDS, stop.graceSeconds), stop.graceSeconds - waited) : stop.graceSeconds;
    return kill(c, stop.reason, `Stopping container ${c.name}`, grace);
  });
  return { kills, ...(inTurn.length < all.length && !graceSpent ? { heldUntil: deadline } : {}) };
}

/**
 * Deletion: kill what runs, once per request (again when a later request ends sooner than the kill
 * already under way), sidecars in their turn; confirm once nothing runs. A kill made after the request, even a moment
 * after it, is that request's kill: its grace counts from when it began, as the kubelet's does.
 */
function deletionActions(pod: KubeletPod, runtime: PodRuntime, deletion: Deletion, now: Date): PodAction[] {
  if (!anyContainerRunning(runtime)) return [{ type: 'ConfirmDeletion' }];
  const grace = Math.max(1, deletion.graceSeconds);
  const deadline = addSeconds(deletion.requestedAt, grace).getTime();
  const killedForThisRequest = (c: ContainerRuntime) => c.stopping !== undefined && Date.parse(c.stopping.requestedAt) >= Date.parse(deletion.requestedAt);
  const { kills, heldUntil } = stopsInTurn(pod, runtime, { reason: 'Deleting', graceSeconds: grace, since: deletion.requestedAt }, now);
  const fresh = kills.filter((k) => {
    const c = runtime.containers[k.container];
    return !killedForThisRequest(c) && stopDeadline(c) > deadline;
  });
  return heldUntil ? [...fresh, { type: 'WaitUntil', at: heldUntil }] : fresh;
}

/** Stops what runs for a pod-wide stop that is not a deletion: each container once, sidecars in their turn. */
function podStopKills(pod: KubeletPod, runtime: PodRuntime, stop: PodStop, now: Date): PodAction[] {
  const { kills, heldUntil } = stopsInTurn(pod, runtime, stop, now);
  const fresh = kills.filter((k) => !runtime.containers[k.container].stopping);
  return heldUntil ? [...fresh, { type: 'WaitUntil', at: heldUntil }] : fresh;
}

/** A failed pod (deadline, eviction): stop what runs with the pod's termination grace period. */
function deadlineKills(pod: KubeletPod, runtime: PodRuntime, since: string, now: Date): PodAction[] {
  const grace = Math.max(1, specOf(pod).terminationGracePeriodSeconds ?? 0);
  return podStopKills(pod, runtime, { reason: 'DeadlineExceeded', graceSeconds: grace, since }, now);
}

/**
 * The main containers are done (or a regular init container failed under Never): the kubelet's KillPod stops the
 * sidecars that still run, with the pod's grace counted from the last main container's exit, and starts nothing.
 */
function finishedMainKills(pod: KubeletPod, runtime: PodRuntime, now: Date): PodAction[] {
  const exits = Object.values(runtime.containers)
    .filter((c) => !c.sidecar)
    .map((c) => latestExit(c)?.finishedAt)
    .filter((t): t is string => t !== undefined);
  const since = exits.length ? new Date(Math.max(...exits.map((t) => Date.parse(t)))).toISOString() : now.toISOString();
  const grace = Math.max(MINIMUM_KILL_GRACE_SECONDS, specOf(pod).terminationGracePeriodSeconds ?? MINIMUM_KILL_GRACE_SECONDS);
  return podStopKills(pod, runtime, { reason: 'PodFinished', graceSeconds: grace, since }, now);
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
  const image = spec.image ?? container.image;
  const retryAt = image === container.image ? container.retryAt : undefined;
  const blocked = [retryAt, container.backoff?.until].filter((at): at is string => !!at && Date.parse(at) > now.getTime());
  if (blocked.length) {
    blocked.forEach((at) => plan.wakeAt(at));
    plan.wakeAt(crashLoopShownAt(container));
    return;
  }
  if (container.pull.phase === 'pulled') {
    plan.actions.push({ type: 'StartContainer', container: container.name, kind: container.kind });
    return;
  }
  const decision = decideImage(runtime.pod.uid, image, spec.imagePullPolicy, images, now);
  plan.actions.push({ type: 'PullImage', container: container.name, kind: container.kind, image, decision });
}

/**
 * A running container whose liveness or startup probe failed is killed (and restarted unless Never; a sidecar always
 * is), with the kubelet's wording for an init container's.
 */
function probeKill(pod: KubeletPod, spec: Container, container: ContainerRuntime, runtime: PodRuntime): KillContainer | undefined {
  if (container.stopping) return undefined;
  const failed = container.probes.liveness?.outcome === 'failure' ? 'liveness' : container.probes.startup?.outcome === 'failure' ? 'startup' : undefined;
  if (!failed) return undefined;
  const restart = runtime.restartPolicy !== 'Never' ? ', will be restarted' : '';
  const message = container.sidecar ? `Init container ${container.name} failed ${failed} probe` : `Container ${container.name} failed ${failed} probe${restart}`;
  const grace = probeOf(spec, failed)?.terminationGracePeriodSeconds ?? specOf(pod).terminationGracePeriodSeconds ?? MINIMUM_KILL_GRACE_SECONDS;
  return kill(container, 'Unhealthy', message, Math.max(MINIMUM_KILL_GRACE_SECONDS, grace));
}

/** A running container whose spec now names another image is killed and started again with it. */
function definitionChange(pod: KubeletPod, spec: Container, container: ContainerRuntime): KillContainer | undefined {
  if (container.stopping || spec.image === undefined || spec.image === container.image) return undefined;
  const grace = Math.max(MINIMUM_KILL_GRACE_SECONDS, specOf(pod).terminationGracePeriodSeconds ?? MINIMUM_KILL_GRACE_SECONDS);
  const message = container.sidecar ? `Init container ${container.name} definition changed` : `Container ${container.name} definition changed, will be restarted`;
  return { ...kill(container, 'DefinitionChanged', message, grace), image: spec.image };
}

/** Kills a running app container or sidecar whose image changed or whose liveness or startup probe failed. */
function planRestartKill(plan: Plan, pod: KubeletPod, spec: Container, container: ContainerRuntime, runtime: PodRuntime): void {
  const stop = definitionChange(pod, spec, container) ?? probeKill(pod, spec, container, runtime);
  if (stop) plan.actions.push(stop);
}

function planContainers(plan: Plan, pod: KubeletPod, inputs: StartInputs): void {
  const { runtime } = inputs;
  const progress = initProgress(pod, runtime);
  for (const spec of initContainersOf(pod)) {
    const container = runtime.containers[spec.name];
    if (container?.sidecar && container.state === 'running') planRestartKill(plan, pod, spec, container, runtime);
    else if (container && progress.toStart.includes(container) && wantsToRun(runtime, container)) planStart(plan, spec, container, inputs);
  }
  if (!progress.initialized) return;
  for (const spec of appContainersOf(pod)) {
    const container = runtime.containers[spec.name];
    if (!container) continue;
    if (container.state === 'running') planRestartKill(plan, pod, spec, container, runtime);
    else if (wantsToRun(runtime, container)) planStart(plan, spec, container, inputs);
  }
}

/**
 * What the kubelet does next for this pod at `now`, given the node's images. Debug containers start whatever state the
 * pod is in short of deletion (a failed or finished pod included), ahead of the rest as the kubelet's SyncPod runs them.
 */
export function computePodActions(pod: KubeletPod, runtime: PodRuntime, now: Date, images: NodeImages): PodAction[] {
  if (runtime.deletion) return deletionActions(pod, runtime, runtime.deletion, now);
  const debug = ephemeralContainerActions(pod, runtime, images);
  if (runtime.failure) return [...debug, ...deadlineKills(pod, runtime, runtime.failure.at, now)];
  if (podFinished(pod, runtime)) return debug;
  const deadline = activeDeadline(pod, runtime);
  if (deadline && deadline.getTime() <= now.getTime()) return [...debug, { type: 'FailPod', ...DEADLINE_EXCEEDED }, ...deadlineKills(pod, runtime, now.toISOString(), now)];
  if (mainContainersDone(runtime)) return [...debug, ...finishedMainKills(pod, runtime, now)];
  const plan = new Plan();
  plan.actions.push(...debug);
  plan.wakeAt(deadline);
  if (runtime.sandbox === 'none') plan.actions.push({ type: 'CreateSandbox' });
  else planContainers(plan, pod, { runtime, images, now });
  for (const probe of probeSchedule(pod, runtime)) plan.wakeAt(probe.dueAt);
  return plan.withWakeUp(now);
}
