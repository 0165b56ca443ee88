/**
 * A running lab's pods as PodStartupLatency measures them, from what each pod says of itself:
 * created at metadata.creationTimestamp, scheduled at its PodScheduled=True condition's
 * lastTransitionTime, Running once every container runs (the latest state.running.startedAt).
 * Finished are only the pods whose start those stamps tell: a pod with init containers (its
 * containers wait for them), one not running now, or one a container of which restarted (its
 * startedAt is the latest run's) is left out of them, and a static pod's mirror (made by its
 * kubelet once it runs, never scheduled) of all three phases; how many of each is told. The time each pod spent pulling
 * images, when given (image-pulls.ts, by UID), goes with its timeline.
 */
import type { Pod } from '../typed-objects.js';
import type { PodTimeline } from './slo.js';

export interface LabPodTimelines {
  /** Every pod but the mirrors: its creation, its scheduling when it has one, and its start when it finished. */
  timelines: PodTimeline[];
  /** Pods with a start (running set). */
  finished: number;
  leftOut: { initContainers: number; notRunning: number; restarted: number; mirrors: number };
}

const mirrorAnnotation = 'kubernetes.io/config.mirror';

const time = (stamp: string | null | undefined) => {
  const ms = stamp ? Date.parse(stamp) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

export function podTimelines(pods: readonly Pod[], pullMs: ReadonlyMap<string, number> = new Map()): LabPodTimelines {
  const r: LabPodTimelines = { timelines: [], finished: 0, leftOut: { initContainers: 0, notRunning: 0, restarted: 0, mirrors: 0 } };
  for (const pod of pods) {
    if (pod.metadata.annotations?.[mirrorAnnotation] !== undefined) {
      r.leftOut.mirrors++;
      continue;
    }
    const created = time(pod.metadata.creationTimestamp);
    if (created === undefined) continue;
    const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True');
    const scheduled = time(condition?.lastTransitionTime);
    const pulled = pullMs.get(pod.metadata.uid ?? '');
    const timeline: PodTimeline = { created, ...(scheduled !== undefined ? { scheduled } : {}), ...(pulled !== undefined ? { pullMs: pulled } : {}) };
    r.timelines.push(timeline);
    const containers = pod.spec?.containers ?? [];
    const statuses = containers.map((c) => pod.status?.containerStatuses?.find((s) => s.name === c.name));
    const started = statuses.map((s) => time(s?.state?.running?.startedAt));
    if (pod.spec?.initContainers?.length) r.leftOut.initContainers++;
    else if (containers.length === 0 || started.some((t) => t === undefined)) r.leftOut.notRunning++;
    else if (statuses.some((s) => (s?.restartCount ?? 0) > 0)) r.leftOut.restarted++;
    else {
      timeline.running = Math.max(...(started as number[]));
      r.finished++;
    }
  }
  return r;
}

/** What the finished pods are of the lab's: "12 of 15 pods finished; left out: 2 with init containers, 1 not running". */
export function podTimelinesLine(r: LabPodTimelines): string {
  const { initContainers, notRunning, restarted, mirrors } = r.leftOut;
  const out = [
    initContainers ? `${initContainers} with init containers` : '',
    notRunning ? `${notRunning} not (or no longer) running` : '',
    restarted ? `${restarted} whose containers restarted` : '',
    mirrors ? `${mirrors} static pods' mirrors` : '',
  ].filter(Boolean);
  return `${r.finished} of ${r.timelines.length + mirrors} pods finished${out.length ? `; left out: ${out.join(', ')}` : ''}`;
}
