/**
 * A scripted kubelet-agent for the specs: it carries out what computePodActions asks (sandbox
 * 10.244.0.5, the image manager's decision on a node that holds the specs' images unless told
 * otherwise, pulls that take no time, container IDs numbered per container) and keeps the
 * runtime, the published status and the recorded events, so a scenario reads as
 * "at t, this happened; then the pod looks like that".
 */
import { computePodActions } from '../compute-pod-actions.js';
import { containerExited, type ContainerExit } from '../container-exited.js';
import { containerKilling } from '../container-killing.js';
import { containerStartFailed } from '../container-start-failed.js';
import { containerStarted } from '../container-started.js';
import type { ImageDecision, NodeImages } from '../image-decision.js';
import { imageChosen, imagePulled, imagePullFailed } from '../image-pull.js';
import type { KubeletPod } from '../kubelet-pod.js';
import { newPodRuntime } from '../new-pod-runtime.js';
import type { PodAction } from '../pod-actions.js';
import type { PodEvent } from '../pod-events.js';
import { podFailed } from '../pod-failed.js';
import { podStatus } from '../pod-status.js';
import type { RuntimeUpdate } from '../runtime-update.js';
import type { PodRuntime } from '../runtime-model.js';
import { sandboxReady } from '../sandbox-ready.js';
import { nodeImages } from './images.js';
import { at } from './pods.js';

/** The scripted agent of one pod. */
export class ScriptedAgent {
  runtime: PodRuntime;
  events: PodEvent[] = [];
  /** Every action carried out, in order. */
  done: PodAction[] = [];
  /** The WaitUntil of the last sync, if any. */
  wakeAt?: Date;
  private starts = new Map<string, number>();
  /** When set, every start fails with this cause (the image lacks the command's program). */
  startFailure?: string;
  /** What the node holds and the registry has. */
  images: NodeImages = nodeImages();

  constructor(public pod: KubeletPod, startSeconds = 0) {
    this.runtime = newPodRuntime(pod, { hostIP: '172.18.0.2', now: at(startSeconds) });
  }

  /** Applies an update function's result. */
  apply(update: RuntimeUpdate): void {
    this.runtime = update.runtime;
    this.events.push(...update.events);
  }

  /** Runs computePodActions and carries the actions out until only waiting is left. */
  sync(seconds: number): PodAction[] {
    const now = at(seconds);
    const taken: PodAction[] = [];
    for (let round = 0; round < 20; round++) {
      const actions = computePodActions(this.pod, this.runtime, now, this.images);
      const work = actions.filter((a) => a.type !== 'WaitUntil');
      this.wakeAt = actions.find((a) => a.type === 'WaitUntil')?.at;
      const fresh = work.filter((a) => a.type !== 'ConfirmDeletion' || !taken.some((t) => t.type === 'ConfirmDeletion'));
      if (fresh.length === 0) break;
      for (const action of fresh) this.carryOut(action, now);
      taken.push(...fresh);
    }
    this.done.push(...taken);
    this.pod = { ...this.pod, status: podStatus(this.pod, this.runtime, now) };
    return taken;
  }

  private carryOut(action: PodAction, now: Date): void {
    switch (action.type) {
      case 'CreateSandbox':
        return this.apply(sandboxReady(this.runtime, { podIP: '10.244.0.5' }));
      case 'PullImage':
        this.apply(imageChosen(this.runtime, action.container, action.image));
        return this.pull(action.container, action.decision, now);
      case 'StartContainer': {
        const n = (this.starts.get(action.container) ?? 0) + 1;
        this.starts.set(action.container, n);
        const run = { containerID: `containerd://${action.container}-${n}`, now };
        if (this.startFailure !== undefined) return this.apply(containerStartFailed(this.runtime, action.container, { ...run, message: this.startFailure }));
        return this.apply(containerStarted(this.runtime, action.container, run));
      }
      case 'KillContainer':
        return this.apply(containerKilling(this.runtime, action, now));
      case 'FailPod':
        return this.apply(podFailed(this.runtime, action, now));
      default:
        return;
    }
  }

  private pull(container: string, decision: ImageDecision, now: Date): void {
    if (decision.action === 'refuse') return this.apply(imagePullFailed(this.runtime, container, { reason: decision.reason, now }));
    if (decision.action === 'use-cached') return this.apply(imagePulled(this.runtime, container, { imageID: decision.image.imageID, image: decision.image.image }));
    const { lookup } = decision;
    if (!lookup.found) return this.apply(imagePullFailed(this.runtime, container, { reason: 'ErrImagePull', message: lookup.failure.message, now }));
    const pulled = { pullMs: 0, sizeBytes: lookup.image.sizeBytes };
    return this.apply(imagePulled(this.runtime, container, { imageID: lookup.image.imageID, image: lookup.image.image, pulled }));
  }

  /** The container's process ends at `seconds`; the agent syncs right after. */
  exit(container: string, seconds: number, exit: Omit<ContainerExit, 'now'>): PodAction[] {
    this.apply(containerExited(this.runtime, container, { ...exit, now: at(seconds) }));
    return this.sync(seconds);
  }

  /** The published status (the last sync's podStatus). */
  get status(): any {
    return this.pod.status;
  }

  /** The published status of one container. */
  containerStatus(name: string): any {
    return [...(this.status.initContainerStatuses ?? []), ...this.status.containerStatuses].find((s: any) => s.name === name);
  }

  /** `type=status` of each condition, for compact assertions. */
  conditions(): string[] {
    return this.status.conditions.map((c: any) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`);
  }
}
