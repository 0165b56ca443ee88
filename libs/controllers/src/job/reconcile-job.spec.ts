import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '@kubelab/api';
import { reconcileJob } from './reconcile-job.js';
import { JOB_TRACKING_FINALIZER } from './job-pods.js';
import type { JobAction } from './job-actions.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const at = (secondsFromNow: number) => new Date(NOW.getTime() + secondsFromNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const clock = (timeScale = 1) => ({ now: NOW, timeScale });

function job(spec: Record<string, any> = {}, status: Record<string, any> = {}, metadata: Record<string, any> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid', ...metadata },
    spec: {
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false,
      template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'pi', 'batch.kubernetes.io/controller-uid': 'job-uid' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } },
      ...spec,
    },
    status: { startTime: at(-30), ...status },
  };
}

interface PodOptions { phase?: string; tracked?: boolean; ready?: boolean; deleting?: boolean; finishedAt?: string; restarts?: number; index?: number; owner?: string }

function pod(name: string, o: PodOptions = {}): Pod {
  return ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: at(-60),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: o.owner ?? 'job-uid', controller: true }],
      ...(o.tracked === false ? {} : { finalizers: [JOB_TRACKING_FINALIZER] }),
      ...(o.deleting ? { deletionTimestamp: at(-1) } : {}),
      ...(o.index !== undefined ? { annotations: { 'batch.kubernetes.io/job-completion-index': `${o.index}` } } : {}),
    },
    spec: { nodeName: 'node-1' },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: at(-50) }],
      containerStatuses: [{
        name: 'pi', restartCount: o.restarts ?? 0,
        state: o.finishedAt ? { terminated: { exitCode: o.phase === 'Failed' ? 1 : 0, finishedAt: o.finishedAt } } : { running: {} },
      }],
    },
  }) as Pod;
}

const ofType = <T extends JobAction['type']>(actions: JobAction[], type: T) =>
  actions.filter((a): a is Extract<JobAction, { type: T }> => a.type === type);
const statusOf = (actions: JobAction[]) => ofType(actions, 'UpdateStatus')[0]?.status;
const conditionTypes = (actions: JobAction[]) => (statusOf(actions)?.conditions ?? []).map((c: any) => `${c.type}:${c.status}:${c.reason}`);

describe('reconcileJob: starting and scaling pods', () => {
  it('creates the first pod from the template, owned and tracked, and records the start', () => {
    const { actions } = reconcileJob(job({}, { startTime: undefined }), [], clock());
    const [create] = ofType(actions, 'CreatePods');
    expect(create.count).toBe(1);
    expect(create.pod.metadata).toMatchObject({
      generateName: 'pi-',
      namespace: 'default',
      labels: { 'batch.kubernetes.io/job-name': 'pi', 'batch.kubernetes.io/controller-uid': 'job-uid' },
      finalizers: [JOB_TRACKING_FINALIZER],
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(create.pod.metadata.annotations).toBeUndefined();
    expect(create.pod.spec!.containers[0].name).toBe('pi');
    expect(statusOf(actions)).toEqual({ startTime: '2025-01-01T12:00:00Z', active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
  });

  it.each([
    { given: 'completions 5, parallelism 3, 3 done, 1 running', spec: { completions: 5, parallelism: 3 }, status: { succeeded: 3 }, pods: [pod('a')], create: 1, remove: 0 },
    { given: 'completions 5, parallelism 2, none running', spec: { completions: 5, parallelism: 2 }, status: {}, pods: [], create: 2, remove: 0 },
    { given: 'parallelism lowered to 1 with 3 running', spec: { completions: 5, parallelism: 1 }, status: {}, pods: [pod('a'), pod('b'), pod('c')], create: 0, remove: 2 },
    { given: 'work queue (completions null), nothing done', spec: { completions: null, parallelism: 2 }, status: {}, pods: [], create: 2, remove: 0 },
    { given: 'work queue after a success: no new pods', spec: { completions: null, parallelism: 3 }, status: { succeeded: 1 }, pods: [pod('a')], create: 0, remove: 0 },
    { given: 'pods of another job are ignored', spec: {}, status: {}, pods: [pod('x', { owner: 'other' })], create: 1, remove: 0 },
  ])('$given → create $create, delete $remove', ({ spec, status, pods, create, remove }) => {
    const { actions } = reconcileJob(job(spec, status), pods, clock());
    expect(ofType(actions, 'CreatePods').reduce((n, a) => n + a.count, 0)).toBe(create);
    expect(ofType(actions, 'DeletePods').flatMap((a) => a.pods).length).toBe(remove);
  });

  it('deletes unscheduled and unready pods before ready ones when scaling down', () => {
    const ready = pod('ready', { ready: true });
    const pending = { ...pod('pending', { phase: 'Pending' }), spec: {} } as Pod;
    const { actions } = reconcileJob(job({ completions: 5, parallelism: 1 }), [ready, pending], clock());
    expect(ofType(actions, 'DeletePods')[0].pods.map((p) => p.metadata.name)).toEqual(['pending']);
  });

  it('counts active, ready and terminating pods', () => {
    const pods = [pod('a', { ready: true }), pod('b'), pod('c', { deleting: true, tracked: false })];
    const { actions } = reconcileJob(job({ completions: 5, parallelism: 2 }), pods, clock());
    expect(statusOf(actions)).toMatchObject({ active: 2, ready: 1, terminating: 1 });
  });

  it('writes no status when nothing changed', () => {
    const status = { startTime: at(-30), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} };
    expect(reconcileJob(job({}, status), [pod('a')], clock())).toEqual({ actions: [] });
  });
});

describe('reconcileJob: counting finished pods exactly once', () => {
  const succeededPod = (tracked: boolean) => pod('a', { phase: 'Succeeded', finishedAt: at(-5), tracked });

  it.each([
    {
      given: 'a pod just succeeded (still tracked)', status: {}, pods: [succeededPod(true)],
      then: { succeeded: undefined, uncounted: { succeeded: ['uid-a'] }, releases: ['a'], conditions: ['SuccessCriteriaMet:True:CompletionsReached'] },
    },
    {
      given: 'its status was written but the release failed', status: { uncountedTerminatedPods: { succeeded: ['uid-a'] } }, pods: [succeededPod(true)],
      then: { succeeded: undefined, uncounted: { succeeded: ['uid-a'] }, releases: ['a'], conditions: ['SuccessCriteriaMet:True:CompletionsReached'] },
    },
    {
      given: 'the pod was released', status: { uncountedTerminatedPods: { succeeded: ['uid-a'] } }, pods: [succeededPod(false)],
      then: { succeeded: 1, uncounted: {}, releases: [], conditions: ['SuccessCriteriaMet:True:CompletionsReached', 'Complete:True:CompletionsReached'] },
    },
    {
      given: 'the released pod was garbage-collected', status: { uncountedTerminatedPods: { succeeded: ['uid-a'] } }, pods: [],
      then: { succeeded: 1, uncounted: {}, releases: [], conditions: ['SuccessCriteriaMet:True:CompletionsReached', 'Complete:True:CompletionsReached'] },
    },
    {
      given: 'a counted, released pod is seen again', status: { succeeded: 1 }, pods: [succeededPod(false)],
      then: { succeeded: 1, uncounted: {}, releases: [], conditions: ['SuccessCriteriaMet:True:CompletionsReached', 'Complete:True:CompletionsReached'] },
    },
  ])('$given', ({ status, pods, then }) => {
    const { actions } = reconcileJob(job({}, status), pods, clock());
    const written = statusOf(actions);
    expect(written.succeeded).toBe(then.succeeded);
    expect(written.uncountedTerminatedPods).toEqual(then.uncounted);
    expect(ofType(actions, 'RemovePodFinalizer').map((a) => a.pod.metadata.name)).toEqual(then.releases);
    expect(ofType(actions, 'RemovePodFinalizer').every((a) => !a.pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER))).toBe(true);
    expect(conditionTypes(actions)).toEqual(then.conditions);
  });

  it('puts the status write before the releases, and completes with an event and completionTime', () => {
    const first = reconcileJob(job(), [succeededPod(true)], clock()).actions.map((a) => a.type);
    expect(first).toEqual(['UpdateStatus', 'RemovePodFinalizer']);
    const { actions } = reconcileJob(job({}, { uncountedTerminatedPods: { succeeded: ['uid-a'] } }), [], clock());
    expect(statusOf(actions)).toMatchObject({ completionTime: '2025-01-01T12:00:00Z', succeeded: 1, ready: 0, terminating: 0 });
    expect(ofType(actions, 'RecordEvent')).toEqual([{ type: 'RecordEvent', eventType: 'Normal', reason: 'Completed', message: 'Job completed' }]);
  });

  it('counts a deleted running pod as failed and replaces it at once', () => {
    const { actions } = reconcileJob(job(), [pod('a', { deleting: true })], clock());
    expect(statusOf(actions)).toMatchObject({ uncountedTerminatedPods: { failed: ['uid-a'] }, terminating: 1, active: 1 });
    expect(ofType(actions, 'CreatePods')[0].count).toBe(1);
  });
});

describe('reconcileJob: back-off and limits', () => {
  it.each([
    { given: 'one failure 2 s ago, scale 1', timeScale: 1, failedAgo: [2], requeue: 8000 },
    { given: 'two failures, the last 5 s ago, scale 1', timeScale: 1, failedAgo: [30, 5], requeue: 15000 },
    { given: 'one failure 20 s ago, scale 1: back-off over', timeScale: 1, failedAgo: [20], requeue: undefined },
    { given: 'two failures just now, scale 20 (20 s → 1 s)', timeScale: 20, failedAgo: [0, 0], requeue: 1000 },
    { given: 'six failures, scale 1: 320 s', timeScale: 1, failedAgo: [0, 0, 0, 0, 0, 0], requeue: 320000 },
    { given: 'seven failures, scale 1: capped at 6 min', timeScale: 1, failedAgo: [0, 0, 0, 0, 0, 0, 0], requeue: 360000 },
  ])('$given → requeue $requeue', ({ timeScale, failedAgo, requeue }) => {
    const pods = failedAgo.map((ago, i) => pod(`f${i}`, { phase: 'Failed', finishedAt: at(-ago), tracked: false }));
    const result = reconcileJob(job({ backoffLimit: 10 }, { failed: failedAgo.length }), pods, clock(timeScale));
    expect(result.requeueAfterMs).toBe(requeue);
    expect(ofType(result.actions, 'CreatePods').length).toBe(requeue === undefined ? 1 : 0);
  });

  it('a success resets the back-off', () => {
    const pods = [pod('f', { phase: 'Failed', finishedAt: at(-3), tracked: false }), pod('s', { phase: 'Succeeded', finishedAt: at(-1), tracked: false })];
    const result = reconcileJob(job({ completions: 3 }, { failed: 1, succeeded: 1 }), pods, clock());
    expect(result.requeueAfterMs).toBeUndefined();
    expect(ofType(result.actions, 'CreatePods')[0].count).toBe(1);
  });

  it('fails the job past backoffLimit: FailureTarget and pod deletion first, Failed once all is counted', () => {
    const running = pod('r');
    const failedPod = pod('f', { phase: 'Failed', finishedAt: at(-1) });
    const first = reconcileJob(job({ backoffLimit: 1, completions: 3, parallelism: 2 }, { failed: 1 }), [running, failedPod], clock());
    expect(conditionTypes(first.actions)).toEqual(['FailureTarget:True:BackoffLimitExceeded']);
    expect(ofType(first.actions, 'DeletePods')[0].pods).toEqual([running]);
    expect(ofType(first.actions, 'CreatePods')).toEqual([]);
    expect(statusOf(first.actions)).toMatchObject({ terminating: 1, ready: 0 });
    expect(ofType(first.actions, 'RecordEvent')).toEqual([]);

    const interim = statusOf(first.actions);
    const settled = reconcileJob(job({ backoffLimit: 1, completions: 3 }, { ...interim, uncountedTerminatedPods: { failed: ['uid-f'] } }), [], clock());
    expect(conditionTypes(settled.actions)).toEqual(['FailureTarget:True:BackoffLimitExceeded', 'Failed:True:BackoffLimitExceeded']);
    expect(statusOf(settled.actions)).toMatchObject({ failed: 2, terminating: 0 });
    expect(statusOf(settled.actions).completionTime).toBeUndefined();
    expect(ofType(settled.actions, 'RecordEvent')).toEqual([
      { type: 'RecordEvent', eventType: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
    ]);
  });

  it.each([
    { given: 'OnFailure, 6 restarts, limit 6', limit: 6, restarts: 6, fails: true },
    { given: 'OnFailure, 5 restarts, limit 6', limit: 6, restarts: 5, fails: false },
    { given: 'OnFailure, 1 restart, limit 0', limit: 0, restarts: 1, fails: true },
  ])('$given → fails: $fails', ({ limit, restarts, fails }) => {
    const spec = { backoffLimit: limit, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi' }] } } };
    const { actions } = reconcileJob(job(spec), [pod('a', { restarts })], clock());
    expect(conditionTypes(actions).includes('FailureTarget:True:BackoffLimitExceeded')).toBe(fails);
  });

  it.each([
    { given: 'deadline 60 s, started 100 s ago, scale 1', timeScale: 1, deadline: 60, startedAgo: 100, exceeded: true, requeue: undefined },
    { given: 'deadline 60 s, started 20 s ago, scale 1', timeScale: 1, deadline: 60, startedAgo: 20, exceeded: false, requeue: 40000 },
    { given: 'deadline 60 s (3 s wall), started 2 s ago, scale 20', timeScale: 20, deadline: 60, startedAgo: 2, exceeded: false, requeue: 1000 },
    { given: 'deadline 60 s (3 s wall), started 4 s ago, scale 20', timeScale: 20, deadline: 60, startedAgo: 4, exceeded: true, requeue: undefined },
  ])('$given → exceeded: $exceeded', ({ timeScale, deadline, startedAgo, exceeded, requeue }) => {
    const active = pod('a');
    const result = reconcileJob(job({ activeDeadlineSeconds: deadline }, { startTime: at(-startedAgo), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} }), [active], clock(timeScale));
    expect(result.requeueAfterMs).toBe(requeue);
    if (exceeded) {
      expect(conditionTypes(result.actions)).toEqual(['FailureTarget:True:DeadlineExceeded']);
      expect(statusOf(result.actions).conditions?.[0].message).toBe('Job was active longer than specified deadline');
      expect(ofType(result.actions, 'DeletePods')[0].pods).toEqual([active]);
    } else {
      expect(result.actions).toEqual([]);
    }
  });
});

describe('reconcileJob: suspend and resume', () => {
  it('a suspended job deletes its active pods and says so', () => {
    const { actions } = reconcileJob(job({ suspend: true }), [pod('a')], clock());
    expect(ofType(actions, 'DeletePods')[0].pods.map((p) => p.metadata.name)).toEqual(['a']);
    expect(conditionTypes(actions)).toEqual(['Suspended:True:JobSuspended']);
    expect(statusOf(actions)).toMatchObject({ ready: 0, terminating: 1 });
    expect(statusOf(actions).active).toBeUndefined();
    expect(ofType(actions, 'RecordEvent')).toEqual([{ type: 'RecordEvent', eventType: 'Normal', reason: 'Suspended', message: 'Job suspended' }]);
  });

  it('a job created suspended has no start time; resuming starts its clock', () => {
    expect(statusOf(reconcileJob(job({ suspend: true }, { startTime: undefined }), [], clock()).actions).startTime).toBeUndefined();
    const suspended = { conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }], startTime: at(-600) };
    const { actions } = reconcileJob(job({}, suspended), [], clock());
    expect(statusOf(actions).startTime).toBe('2025-01-01T12:00:00Z');
    expect(conditionTypes(actions)).toEqual(['Suspended:False:JobResumed']);
    expect(ofType(actions, 'CreatePods')[0].count).toBe(1);
    expect(ofType(actions, 'RecordEvent')[0]).toMatchObject({ reason: 'Resumed', message: 'Job resumed' });
  });
});

describe('reconcileJob: Indexed completion', () => {
  it('creates one pod per missing index, lowest first, with its index', () => {
    const spec = { completionMode: 'Indexed', completions: 4, parallelism: 2 };
    const { actions } = reconcileJob(job(spec, { completedIndexes: '0' }), [pod('a', { index: 2 })], clock());
    const [create] = ofType(actions, 'CreatePods');
    expect(ofType(actions, 'CreatePods').length).toBe(1);
    expect(create.pod.metadata.generateName).toBe('pi-1-');
    expect(create.pod.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '1' });
    expect(create.pod.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(create.pod.spec!.hostname).toBe('pi-1');
    expect(create.pod.spec!.containers[0].env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
  });

  it('records succeeded indexes in completedIndexes and completes when all are done', () => {
    const spec = { completionMode: 'Indexed', completions: 3, parallelism: 3 };
    const pods = [pod('a', { index: 1, phase: 'Succeeded', finishedAt: at(-1) }), pod('b', { index: 2, phase: 'Succeeded', finishedAt: at(-1) })];
    const { actions } = reconcileJob(job(spec, { completedIndexes: '0', succeeded: 1 }), pods, clock());
    expect(statusOf(actions)).toMatchObject({ completedIndexes: '0-2', succeeded: 3, uncountedTerminatedPods: {} });
    expect(conditionTypes(actions)).toEqual(['SuccessCriteriaMet:True:CompletionsReached', 'Complete:True:CompletionsReached']);
    expect(ofType(actions, 'RemovePodFinalizer').length).toBe(2);
  });

  it('deletes a second pod for the same index and pods of completed indexes', () => {
    const spec = { completionMode: 'Indexed', completions: 3, parallelism: 3 };
    const pods = [pod('a', { index: 1 }), pod('b', { index: 1 }), pod('c', { index: 0 }), pod('d', { index: 2 })];
    const { actions } = reconcileJob(job(spec, { completedIndexes: '0', succeeded: 1 }), pods, clock());
    expect(ofType(actions, 'DeletePods')[0].pods.map((p) => p.metadata.name).sort()).toEqual(['b', 'c']);
    expect(ofType(actions, 'CreatePods')).toEqual([]);
  });
});

describe('reconcileJob: finished and deleted jobs', () => {
  const complete = (completedAgo: number) => ({
    completionTime: at(-completedAgo), succeeded: 1,
    conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: at(-completedAgo) }],
  });

  it('a finished job releases pods still tracked and starts nothing', () => {
    const { actions } = reconcileJob(job({}, complete(1)), [pod('a'), pod('b', { tracked: false })], clock());
    expect(actions.map((a) => a.type)).toEqual(['RemovePodFinalizer']);
  });

  it('a job being deleted releases all its tracked pods', () => {
    const { actions } = reconcileJob(job({}, {}, { deletionTimestamp: at(-1) }), [pod('a'), pod('b', { phase: 'Succeeded' })], clock());
    expect(ofType(actions, 'RemovePodFinalizer').map((a) => a.pod.metadata.name)).toEqual(['a', 'b']);
    expect(actions.length).toBe(2);
  });
});
