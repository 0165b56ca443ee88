import { describe, expect, it } from 'vitest';
import type { Job } from '@kubelab/api';
import { expireFinishedJob } from './expire-finished-job.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const at = (secondsFromNow: number) => new Date(NOW.getTime() + secondsFromNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const clock = (timeScale = 1) => ({ now: NOW, timeScale });

function job(ttl: number | undefined, status: Record<string, any>, metadata: Record<string, any> = {}): Job {
  return ({
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid', ...metadata },
    spec: { ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }) },
    status,
  }) as Job;
}
const complete = (ago: number) => ({ completionTime: at(-ago), succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: at(-ago) }] });
const failed = (ago: number) => ({ failed: 1, conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: at(-ago) }] });

describe('expireFinishedJob', () => {
  it.each([
    { given: 'ttl 30 s, finished 10 s ago, scale 1', timeScale: 1, ttl: 30, status: complete(10), expected: { deleteJob: false, requeueAfterMs: 20000 } },
    { given: 'ttl 5 s, finished 10 s ago, scale 1', timeScale: 1, ttl: 5, status: complete(10), expected: { deleteJob: true } },
    { given: 'ttl 0, finished now', timeScale: 1, ttl: 0, status: complete(0), expected: { deleteJob: true } },
    { given: 'ttl 100 s (5 s wall), finished 4 s ago, scale 20', timeScale: 20, ttl: 100, status: complete(4), expected: { deleteJob: false, requeueAfterMs: 1000 } },
    { given: 'ttl 100 s (5 s wall), finished 6 s ago, scale 20', timeScale: 20, ttl: 100, status: complete(6), expected: { deleteJob: true } },
    { given: 'ttl 5 s, failed 10 s ago (no completionTime)', timeScale: 1, ttl: 5, status: failed(10), expected: { deleteJob: true } },
    { given: 'no ttl', timeScale: 1, ttl: undefined, status: complete(1000), expected: { deleteJob: false } },
    { given: 'ttl 0 on a running job', timeScale: 1, ttl: 0, status: { active: 1 }, expected: { deleteJob: false } },
  ])('$given', ({ timeScale, ttl, status, expected }) => {
    expect(expireFinishedJob(job(ttl, status), clock(timeScale))).toEqual(expected);
  });

  it('leaves a job already being deleted', () => {
    expect(expireFinishedJob(job(0, complete(10), { deletionTimestamp: at(-1) }), clock())).toEqual({ deleteJob: false });
  });
});
