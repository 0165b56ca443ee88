/**
 * The Job controller (pkg/controller/job), as one pure, level-triggered decision:
 * from the Job, the pods of its namespace and the clock, what to create, delete,
 * count and record. Kubernetes 1.32 behaviour: back-off between failures, backoffLimit
 * (including container restarts under restartPolicy OnFailure), activeDeadlineSeconds,
 * suspend/resume, NonIndexed and Indexed completion, the interim FailureTarget and
 * SuccessCriteriaMet conditions before Failed and Complete. ttlSecondsAfterFinished is
 * the TTL-after-finished controller's (ttl-after-finished/).
 */
import { cloneJson, kubeTime, type Job, type Pod } from '@kubelab/api';
import type { JobStatus } from 'kubernetes-types/batch/v1';
import { formatIndexes } from './completed-indexes.js';
import type { JobAction, JobReconcileResult } from './job-actions.js';
import { remainingBackoffMs } from './job-backoff.js';
import { scaledMs, type JobClock } from './job-clock.js';
import { isJobFinished, newCondition, setCondition, trueCondition, type JobCondition } from './job-conditions.js';
import { managePods } from './job-pod-management.js';
import { isActive, isReady, isTerminating, isTracked, podsOwnedBy, restartsOfActivePods } from './job-pods.js';
import { trackFinishedPods, withoutTrackingFinalizer, type TrackedPods } from './job-tracking.js';
import { reconcileFinishedJob } from './finished-job.js';

type Verdict = { type: 'Failed' | 'Complete'; reason: string; message: string };

const INTERIM: Record<Verdict['type'], string> = { Failed: 'FailureTarget', Complete: 'SuccessCriteriaMet' };

function earlierVerdict(conditions: readonly JobCondition[]): Verdict | undefined {
  const target = trueCondition(conditions, 'FailureTarget');
  if (target) return { type: 'Failed', reason: target.reason ?? '', message: target.message ?? '' };
  const met = trueCondition(conditions, 'SuccessCriteriaMet');
  if (met) return { type: 'Complete', reason: met.reason ?? '', message: met.message ?? '' };
  return undefined;
}

function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = restartsOfActivePods(pods);
  const limit = Number(job.spec?.backoffLimit ?? 6);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Wall ms until activeDeadlineSeconds runs out (≤ 0: past), or undefined without one. */
function deadlineInMs(job: Job, startTime: string | undefined, clock: JobClock): number | undefined {
  const seconds = job.spec?.activeDeadlineSeconds;
  if (typeof seconds !== 'number' || !startTime || job.spec?.suspend === true) return undefined;
  return Date.parse(startTime) + scaledMs(seconds, clock) - clock.now.getTime();
}

function failureVerdict(job: Job, pods: readonly Pod[], failed: number, deadlineMs: number | undefined): Verdict | undefined {
  if (failed > Number(job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
    return { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  }
  if (deadlineMs !== undefined && deadlineMs <= 0) {
    return { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  return undefined;
}

function isComplete(job: Job, succeeded: number, active: number): boolean {
  const completions = job.spec?.completions;
  if (completions === null || completions === undefined) return succeeded > 0 && active === 0;
  return succeeded >= Number(completions) && active === 0;
}

/** Suspended condition and event when spec.suspend flips; a resumed Job restarts its clock. */
function suspension(job: Job, conditions: JobCondition[], status: JobStatus, now: Date): { conditions: JobCondition[]; events: JobAction[] } {
  const suspended = job.spec?.suspend === true;
  const wasSuspended = Boolean(trueCondition(conditions, 'Suspended'));
  if (suspended === wasSuspended) return { conditions, events: [] };
  if (suspended) {
    return {
      conditions: setCondition(conditions, newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', now)),
      events: [{ type: 'RecordEvent', eventType: 'Normal', reason: 'Suspended', message: 'Job suspended' }],
    };
  }
  status.startTime = kubeTime(now);
  return {
    conditions: setCondition(conditions, newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', now)),
    events: [{ type: 'RecordEvent', eventType: 'Normal', reason: 'Resumed', message: 'Job resumed' }],
  };
}

function finishedEvent(verdict: Verdict): JobAction {
  if (verdict.type === 'Complete') return { type: 'RecordEvent', eventType: 'Normal', reason: 'Completed', message: 'Job completed' };
  return { type: 'RecordEvent', eventType: 'Warning', reason: verdict.reason, message: verdict.message };
}

function countsInto(status: JobStatus, tracked: TrackedPods, active: number, ready: number, terminating: number): void {
  const set = (field: 'active' | 'succeeded' | 'failed', value: number) => (value > 0 ? (status[field] = value) : delete status[field]);
  set('active', active);
  set('succeeded', tracked.counted.succeeded);
  set('failed', tracked.counted.failed);
  status.ready = ready;
  status.terminating = terminating;
  if (tracked.completedIndexes) {
    const text = formatIndexes(tracked.completedIndexes);
    if (text) status.completedIndexes = text;
    else delete status.completedIndexes;
  }
  const { succeeded, failed } = tracked.uncounted;
  status.uncountedTerminatedPods = { ...(succeeded.length ? { succeeded } : {}), ...(failed.length ? { failed } : {}) };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
}

function runningJob(job: Job, ownPods: readonly Pod[], clock: JobClock): JobReconcileResult {
  const now = clock.now;
  const status: JobStatus = cloneJson(job.status ?? {});
  const suspended = job.spec?.suspend === true;
  const flip = suspension(job, status.conditions ?? [], status, now);
  let conditions = flip.conditions;
  if (!suspended && !status.startTime) status.startTime = kubeTime(now);

  const tracked = trackFinishedPods(job, ownPods);
  const failed = tracked.counted.failed + tracked.uncounted.failed.length;
  const succeeded = tracked.counted.succeeded + tracked.uncounted.succeeded.length;
  const active = ownPods.filter(isActive);
  const terminating = ownPods.filter(isTerminating);
  const deadlineMs = deadlineInMs(job, status.startTime, clock);
  let verdict = earlierVerdict(conditions) ?? failureVerdict(job, ownPods, failed, deadlineMs);

  const podActions: JobAction[] = [];
  let activeCount = 0;
  let requeueAfterMs = deadlineMs !== undefined && deadlineMs > 0 && !verdict ? deadlineMs : undefined;
  if (verdict || suspended) {
    if (active.length > 0) podActions.push({ type: 'DeletePods', pods: active });
  } else {
    const backoffMs = remainingBackoffMs(ownPods, clock);
    const plan = managePods(job, { active, terminating, succeeded, completedIndexes: tracked.completedIndexes, backoffMs });
    podActions.push(...plan.actions);
    activeCount = plan.active;
    if (plan.requeueAfterMs !== undefined) requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, plan.requeueAfterMs);
    if (isComplete(job, succeeded, activeCount)) {
      verdict = { type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    }
  }
  const deleting = podActions.flatMap((a) => (a.type === 'DeletePods' ? a.pods : []));
  const terminatingCount = terminating.length + deleting.length;
  const ready = active.filter((p) => isReady(p) && !deleting.includes(p)).length;

  const events: JobAction[] = [...flip.events];
  if (verdict) {
    conditions = setCondition(conditions, newCondition(INTERIM[verdict.type], 'True', verdict.reason, verdict.message, now));
    const settled = tracked.uncounted.succeeded.length + tracked.uncounted.failed.length === 0 && terminatingCount === 0;
    if (settled) {
      conditions = setCondition(conditions, newCondition(verdict.type, 'True', verdict.reason, verdict.message, now));
      if (verdict.type === 'Complete') status.completionTime = kubeTime(now);
      events.push(finishedEvent(verdict));
      requeueAfterMs = undefined;
    }
  }
  countsInto(status, tracked, activeCount, ready, terminatingCount);
  if (conditions.length > 0) status.conditions = conditions;

  const statusActions: JobAction[] = stableJson(status) === stableJson(job.status ?? {}) ? [] : [{ type: 'UpdateStatus', status }];
  const releases: JobAction[] = tracked.release.map((pod) => ({ type: 'RemovePodFinalizer', pod }));
  const actions = [...podActions, ...statusActions, ...releases, ...events];
  return requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs };
}

/**
 * One reconcile pass of a Job over the pods of its namespace (only those it controls
 * are considered). See JobAction for the order in which the shell must act.
 */
export function reconcileJob(job: Job, pods: readonly Pod[], clock: JobClock): JobReconcileResult {
  const ownPods = podsOwnedBy(job, pods);
  if (job.metadata.deletionTimestamp) {
    return { actions: ownPods.filter(isTracked).map((pod) => ({ type: 'RemovePodFinalizer', pod: withoutTrackingFinalizer(pod) })) };
  }
  if (isJobFinished(job.status?.conditions ?? [])) return reconcileFinishedJob(ownPods);
  return runningJob(job, ownPods, clock);
}
