/**
 * Kubernetes' manageJob: how many pods a running Job should have (parallelism, the
 * completions still missing, a work queue that has seen a success) and which pods to
 * create or delete to get there; Indexed Jobs get one pod per missing index.
 */
import type { Job, Pod } from '@kubelab/api';
import type { JobAction } from './job-actions.js';
import { completionIndexOf, isReady } from './job-pods.js';
import { podForJob } from './job-pod-template.js';

/** What the Job has now, as manageJob needs it. */
export interface PodCensus {
  active: Pod[];
  terminating: Pod[];
  succeeded: number;
  completedIndexes?: ReadonlySet<number>;
  /** Wall ms of back-off still to wait before creating pods. */
  backoffMs: number;
}

/** The steps to take, the active count they lead to, and when to come back. */
export interface PodPlan {
  actions: JobAction[];
  active: number;
  requeueAfterMs?: number;
}

/** Unscheduled, then pending, then not ready, then the newest: the cheapest to lose first. */
function deletionRank(a: Pod, b: Pod): number {
  const key = (p: Pod) => [p.spec?.nodeName ? 1 : 0, p.status?.phase === 'Running' ? 1 : 0, isReady(p) ? 1 : 0];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}

function wantedActive(job: Job, succeeded: number, active: number): number {
  const parallelism = Number(job.spec?.parallelism ?? 1);
  const completions = job.spec?.completions;
  if (completions === null || completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(Number(completions) - succeeded, parallelism));
}

function creations(job: Job, count: number, census: PodCensus): Pick<PodPlan, 'actions' | 'requeueAfterMs'> {
  if (count <= 0) return { actions: [] };
  if (census.backoffMs > 0) return { actions: [], requeueAfterMs: census.backoffMs };
  return { actions: [{ type: 'CreatePods', count, pod: podForJob(job) }] };
}

function manageNonIndexed(job: Job, census: PodCensus): PodPlan {
  const active = census.active.length;
  const want = wantedActive(job, census.succeeded, active);
  if (active > want) {
    const doomed = [...census.active].sort(deletionRank).slice(0, active - want);
    return { actions: [{ type: 'DeletePods', pods: doomed }], active: want };
  }
  const waitingForTerminating = job.spec?.podReplacementPolicy === 'Failed' ? census.terminating.length : 0;
  const count = want - active - waitingForTerminating;
  const plan = creations(job, count, census);
  return { ...plan, active: active + (plan.actions.length > 0 ? count : 0) };
}

function manageIndexed(job: Job, census: PodCensus): PodPlan {
  const completions = Number(job.spec?.completions ?? 0);
  const completed = census.completedIndexes ?? new Set<number>();
  const kept = new Map<number, Pod>();
  const doomed: Pod[] = [];
  for (const pod of census.active) {
    const index = completionIndexOf(pod);
    if (index === undefined || index >= completions || completed.has(index) || kept.has(index)) doomed.push(pod);
    else kept.set(index, pod);
  }
  const want = wantedActive(job, completed.size, kept.size);
  const surplus = [...kept.entries()].sort(([a], [b]) => b - a).slice(0, Math.max(0, kept.size - want));
  for (const [index, pod] of surplus) {
    kept.delete(index);
    doomed.push(pod);
  }
  const actions: JobAction[] = doomed.length > 0 ? [{ type: 'DeletePods', pods: doomed }] : [];
  const busy = new Set([...kept.keys(), ...(job.spec?.podReplacementPolicy === 'Failed' ? census.terminating.map(completionIndexOf) : [])]);
  const missing = Array.from({ length: completions }, (_, i) => i).filter((i) => !completed.has(i) && !busy.has(i));
  const toCreate = missing.slice(0, Math.max(0, want - kept.size));
  if (toCreate.length === 0) return { actions, active: kept.size };
  if (census.backoffMs > 0) return { actions, active: kept.size, requeueAfterMs: census.backoffMs };
  for (const index of toCreate) actions.push({ type: 'CreatePods', count: 1, pod: podForJob(job, index) });
  return { actions, active: kept.size + toCreate.length };
}

/** The pods to create or delete for a running, unsuspended Job. */
export function managePods(job: Job, census: PodCensus): PodPlan {
  return job.spec?.completionMode === 'Indexed' ? manageIndexed(job, census) : manageNonIndexed(job, census);
}
