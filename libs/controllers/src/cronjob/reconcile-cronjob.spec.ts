import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '@kubelab/api';
import type { JobSpec } from 'kubernetes-types/batch/v1';
import { reconcileCronJob } from './reconcile-cronjob.js';
import type { CronJobAction, NextScheduleTime } from './cronjob-actions.js';

const T0 = new Date('2025-01-01T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const iso = (n: number) => minutes(n).toISOString().replace(/\.\d{3}Z$/, 'Z');
const epochMinutes = (n: number) => Math.floor(minutes(n).getTime() / 60_000);

/** A fake schedule firing every `n` minutes on the epoch grid. */
const every = (n: number): NextScheduleTime => (after) => new Date((Math.floor(after.getTime() / (n * 60_000)) + 1) * n * 60_000);

function cronJob(spec: Record<string, any> = {}, status: Record<string, any> = {}, metadata: Record<string, any> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', uid: 'cj-uid', creationTimestamp: iso(0), ...metadata },
    spec: {
      schedule: '*/5 * * * *', concurrencyPolicy: 'Allow', suspend: false,
      jobTemplate: {
        metadata: { labels: { app: 'hello' } },
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } },
      },
      ...spec,
    },
    status,
  };
}

interface JobOptions { at: number; finished?: 'Complete' | 'Failed'; completedAt?: number; owner?: string; deleting?: boolean }

/** The Job the CronJob started for minute `at` (from T0). */
function job({ at, finished, completedAt, owner = 'cj-uid', deleting }: JobOptions): Job {
  const name = `hello-${epochMinutes(at)}`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7',
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: owner, controller: true }],
      ...(deleting ? { deletionTimestamp: iso(at + 1) } : {}),
    },
    spec: {} as JobSpec,
    status: {
      startTime: iso(at),
      ...(finished ? { conditions: [{ type: finished, status: 'True' }] } : {}),
      ...(completedAt !== undefined ? { completionTime: iso(completedAt) } : {}),
    },
  };
}

const ref = (j: Job) => ({ kind: 'Job', namespace: 'default', name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: '7' });

/** Actions as short strings: "Create hello-N", "Delete hello-N", "Status", "Event Reason: message". */
function summary(actions: CronJobAction[]): string[] {
  return actions.map((a) => {
    switch (a.type) {
      case 'CreateJob': return `Create ${a.job.metadata.name}`;
      case 'DeleteJob': return `Delete ${a.name}`;
      case 'UpdateStatus': return 'Status';
      case 'RecordEvent': return `Event ${a.reason}: ${a.message}`;
    }
  });
}
const statusOf = (actions: CronJobAction[]) => actions.flatMap((a) => (a.type === 'UpdateStatus' ? [a.status] : []))[0];
const name = (at: number) => `hello-${epochMinutes(at)}`;

describe('reconcileCronJob: firing on schedule', () => {
  it.each([
    { given: 'before the first time', now: 4, spec: {}, status: {}, then: [], requeue: 5 },
    { given: 'at the first time', now: 5, spec: {}, status: {}, then: [`Create ${name(5)}`, `Event SuccessfulCreate: Created job ${name(5)}`, 'Status'], requeue: 10 },
    { given: 'a little after the first time', now: 7, spec: {}, status: {}, then: [`Create ${name(5)}`, `Event SuccessfulCreate: Created job ${name(5)}`, 'Status'], requeue: 10 },
    { given: 'several times missed: only the most recent runs', now: 23, spec: {}, status: {}, then: [`Create ${name(20)}`, `Event SuccessfulCreate: Created job ${name(20)}`, 'Status'], requeue: 25 },
    { given: 'the time already started', now: 7, spec: {}, status: { lastScheduleTime: iso(5) }, then: [], requeue: 10 },
    { given: 'suspended', now: 7, spec: { suspend: true }, status: {}, then: [], requeue: undefined },
    { given: 'the missed time is older than startingDeadlineSeconds', now: 7, spec: { startingDeadlineSeconds: 60 }, status: {}, then: [], requeue: 10 },
    { given: 'the missed time is within startingDeadlineSeconds', now: 7, spec: { startingDeadlineSeconds: 300 }, status: {}, then: [`Create ${name(5)}`, `Event SuccessfulCreate: Created job ${name(5)}`, 'Status'], requeue: 10 },
  ])('$given', ({ now, spec, status, then, requeue }) => {
    const result = reconcileCronJob(cronJob(spec, status), [], minutes(now), every(5));
    expect(summary(result.actions)).toEqual(then);
    expect(result.requeueAt).toEqual(requeue === undefined ? undefined : new Date(minutes(requeue).getTime() + 100));
  });

  it('creates the Job from the template: named by minute, labelled, annotated, owned', () => {
    const { actions } = reconcileCronJob(cronJob(), [], minutes(5), every(5));
    const create = actions.find((a) => a.type === 'CreateJob');
    expect(create).toEqual({
      type: 'CreateJob',
      job: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: `hello-${epochMinutes(5)}`,
          namespace: 'default',
          labels: { app: 'hello' },
          annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T12:05:00Z' },
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid', controller: true, blockOwnerDeletion: true }],
        },
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } },
      },
    });
    expect(statusOf(actions)).toEqual({ lastScheduleTime: iso(5) });
  });

  it('writes the scheduled timestamp in the CronJob timeZone', () => {
    const { actions } = reconcileCronJob(cronJob({ timeZone: 'America/New_York' }), [], minutes(5), every(5));
    const create = actions.find((a) => a.type === 'CreateJob');
    expect(create?.type === 'CreateJob' && create.job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T07:05:00-05:00' });
  });

  it('starts nothing under an unknown timeZone, and says so', () => {
    const result = reconcileCronJob(cronJob({ timeZone: 'Mars/Olympus' }), [], minutes(5), every(5));
    expect(summary(result.actions)).toEqual(['Event UnknownTimeZone: invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus']);
    expect(result.requeueAt).toBeUndefined();
  });

  it('starts nothing for a CronJob being deleted', () => {
    const result = reconcileCronJob(cronJob({}, {}, { deletionTimestamp: iso(6) }), [], minutes(7), every(5));
    expect(result).toEqual({ actions: [] });
  });

  it('warns when more than 100 times were missed, and still runs the most recent', () => {
    const { actions } = reconcileCronJob(cronJob(), [], minutes(5 * 102), every(5));
    expect(summary(actions)).toEqual([
      'Event TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      `Create ${name(510)}`, `Event SuccessfulCreate: Created job ${name(510)}`, 'Status',
    ]);
  });

  it('reports a schedule that never fires again as invalid and does not requeue', () => {
    const once: NextScheduleTime = (after) => (after < minutes(5) ? minutes(5) : undefined);
    const result = reconcileCronJob(cronJob(), [], minutes(7), once);
    expect(summary(result.actions)).toEqual(['Event InvalidSchedule: invalid schedule: */5 * * * * : time difference between two schedules is less than 1 second']);
    expect(result.requeueAt).toBeUndefined();
  });
});

describe('reconcileCronJob: one Job per schedule time', () => {
  it('adds the Job it created to active on the next pass, without an UnexpectedJob event', () => {
    const created = job({ at: 5 });
    const { actions } = reconcileCronJob(cronJob({}, { lastScheduleTime: iso(5) }), [created], minutes(6), every(5));
    expect(summary(actions)).toEqual(['Status']);
    expect(statusOf(actions)).toEqual({ active: [ref(created)], lastScheduleTime: iso(5) });
  });

  it('does not create a Job whose name already exists: it takes it into active', () => {
    const existing = job({ at: 5 });
    const { actions } = reconcileCronJob(cronJob(), [existing], minutes(6), every(5));
    expect(summary(actions)).toEqual([`Event UnexpectedJob: Saw a job that the controller did not create or forgot: ${name(5)}`, 'Status']);
    expect(statusOf(actions)).toEqual({ active: [ref(existing)], lastScheduleTime: iso(5) });
  });

  it('leaves a clashing Job of someone else alone', () => {
    const foreign = job({ at: 5, owner: 'other-uid' });
    const result = reconcileCronJob(cronJob(), [foreign], minutes(6), every(5));
    expect(result.actions).toEqual([]);
    expect(result.requeueAt).toEqual(new Date(minutes(10).getTime() + 100));
  });

  it('reports an unfinished Job it controls but did not start', () => {
    const stray = job({ at: 2 });
    const { actions } = reconcileCronJob(cronJob({}, { lastScheduleTime: iso(0) }), [stray], minutes(3), every(5));
    expect(summary(actions)).toEqual([`Event UnexpectedJob: Saw a job that the controller did not create or forgot: ${name(2)}`]);
  });
});

describe('reconcileCronJob: concurrencyPolicy', () => {
  const running = job({ at: 5 });
  const status = { active: [ref(running)], lastScheduleTime: iso(5) };

  it.each([
    { policy: 'Allow', then: [`Create ${name(10)}`, `Event SuccessfulCreate: Created job ${name(10)}`, 'Status'], active: [ref(running)] },
    { policy: 'Forbid', then: ['Event JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'], active: undefined },
    {
      policy: 'Replace',
      then: [`Delete ${name(5)}`, `Event SuccessfulDelete: Deleted job ${name(5)}`, `Create ${name(10)}`, `Event SuccessfulCreate: Created job ${name(10)}`, 'Status'],
      active: undefined,
    },
  ])('$policy with a Job still running', ({ policy, then, active }) => {
    const result = reconcileCronJob(cronJob({ concurrencyPolicy: policy }, status), [running], minutes(10), every(5));
    expect(summary(result.actions)).toEqual(then);
    if (policy !== 'Forbid') expect(statusOf(result.actions)).toEqual({ ...(active ? { active } : {}), lastScheduleTime: iso(10) });
    expect(result.requeueAt).toEqual(new Date(minutes(15).getTime() + 100));
  });

  it('Allow runs two Jobs side by side once the second is seen', () => {
    const second = job({ at: 10 });
    const { actions } = reconcileCronJob(cronJob({}, { active: [ref(running)], lastScheduleTime: iso(10) }), [running, second], minutes(11), every(5));
    expect(statusOf(actions)?.active).toEqual([ref(running), ref(second)]);
  });

  it('Forbid starts the next time once the running Job finished', () => {
    const done = job({ at: 5, finished: 'Complete', completedAt: 7 });
    const { actions } = reconcileCronJob(cronJob({ concurrencyPolicy: 'Forbid' }, status), [done], minutes(10), every(5));
    expect(summary(actions)).toEqual([
      `Event SawCompletedJob: Saw completed job: ${name(5)}, condition: Complete`,
      `Create ${name(10)}`, `Event SuccessfulCreate: Created job ${name(10)}`, 'Status',
    ]);
  });
});

describe('reconcileCronJob: status of finished and missing Jobs', () => {
  it.each([
    {
      given: 'an active Job completed', jobs: [job({ at: 5, finished: 'Complete', completedAt: 6 })], status: { lastSuccessfulTime: undefined },
      then: [`Event SawCompletedJob: Saw completed job: ${name(5)}, condition: Complete`, 'Status'], written: { lastScheduleTime: iso(5), lastSuccessfulTime: iso(6) },
    },
    {
      given: 'an active Job failed', jobs: [job({ at: 5, finished: 'Failed' })], status: {},
      then: [`Event SawCompletedJob: Saw completed job: ${name(5)}, condition: Failed`, 'Status'], written: { lastScheduleTime: iso(5) },
    },
    {
      given: 'an active Job is gone', jobs: [], status: {},
      then: [`Event MissingJob: Active job went missing: ${name(5)}`, 'Status'], written: { lastScheduleTime: iso(5) },
    },
    {
      given: 'an older success does not move lastSuccessfulTime back', jobs: [job({ at: 5, finished: 'Complete', completedAt: 6 })], status: { lastSuccessfulTime: iso(8) },
      then: [`Event SawCompletedJob: Saw completed job: ${name(5)}, condition: Complete`, 'Status'], written: { lastScheduleTime: iso(5), lastSuccessfulTime: iso(8) },
    },
  ])('$given', ({ jobs, status, then, written }) => {
    const active = [ref(job({ at: 5 }))];
    const { actions } = reconcileCronJob(cronJob({}, { active, lastScheduleTime: iso(5), ...status }), jobs, minutes(9), every(5));
    expect(summary(actions)).toEqual(then);
    expect(statusOf(actions)).toEqual(written);
  });

  it('takes lastSuccessfulTime from a completed Job that was never active', () => {
    const { actions } = reconcileCronJob(cronJob({}, { lastScheduleTime: iso(5) }), [job({ at: 5, finished: 'Complete', completedAt: 7 })], minutes(9), every(5));
    expect(summary(actions)).toEqual(['Status']);
    expect(statusOf(actions)).toEqual({ lastScheduleTime: iso(5), lastSuccessfulTime: iso(7) });
  });

  it('writes no status when nothing changed', () => {
    const running = job({ at: 5 });
    expect(reconcileCronJob(cronJob({}, { active: [ref(running)], lastScheduleTime: iso(5) }), [running], minutes(9), every(5)).actions).toEqual([]);
  });
});

describe('reconcileCronJob: history limits', () => {
  const succeeded = [5, 10, 15, 20].map((at) => job({ at, finished: 'Complete', completedAt: at + 1 }));
  const failed = [25, 30].map((at) => job({ at, finished: 'Failed' }));

  it.each([
    { given: 'limits 3 and 1', spec: { successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 }, deleted: [name(5), name(25)] },
    { given: 'limits 1 and 0', spec: { successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 0 }, deleted: [name(5), name(10), name(15), name(25), name(30)] },
    { given: 'no limits set', spec: {}, deleted: [] },
    { given: 'limits not reached', spec: { successfulJobsHistoryLimit: 4, failedJobsHistoryLimit: 2 }, deleted: [] },
  ])('$given: deletes the oldest finished Jobs beyond them', ({ spec, deleted }) => {
    const { actions } = reconcileCronJob(cronJob(spec, { lastScheduleTime: iso(30), lastSuccessfulTime: iso(21) }), [...failed, ...succeeded].reverse(), minutes(31), every(5));
    expect(summary(actions)).toEqual(deleted.flatMap((n) => [`Delete ${n}`, `Event SuccessfulDelete: Deleted job ${n}`]));
  });

  it('does not count a Job already being deleted', () => {
    const jobs = [job({ at: 5, finished: 'Complete', completedAt: 6, deleting: true }), job({ at: 10, finished: 'Complete', completedAt: 11 })];
    const { actions } = reconcileCronJob(cronJob({ successfulJobsHistoryLimit: 1 }, { lastScheduleTime: iso(10), lastSuccessfulTime: iso(11) }), jobs, minutes(12), every(5));
    expect(actions).toEqual([]);
  });

  it('cleans up while suspended too', () => {
    const { actions } = reconcileCronJob(cronJob({ suspend: true, failedJobsHistoryLimit: 1 }, { lastScheduleTime: iso(30) }), failed, minutes(31), every(5));
    expect(summary(actions)).toEqual([`Delete ${name(25)}`, `Event SuccessfulDelete: Deleted job ${name(25)}`]);
  });
});
