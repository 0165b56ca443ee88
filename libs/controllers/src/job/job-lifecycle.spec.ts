import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '@kubelab/api';
import { reconcileJob } from './reconcile-job.js';
import type { JobAction } from './job-actions.js';
import { expireFinishedJob } from '../ttl-after-finished/expire-finished-job.js';

/** A tiny api-server + kubelet: applies the controller's actions and lets pods finish. */
class World {
  pods: Pod[] = [];
  deleted = false;
  private next = 0;

  constructor(public job: Job, public now: Date) {}

  apply(actions: JobAction[]): void {
    for (const action of actions) {
      if (action.type === 'CreatePods') {
        for (let i = 0; i < action.count; i++) {
          const name = `${action.pod.metadata.generateName}${this.next++}`;
          this.pods.push({ ...structuredClone(action.pod), metadata: { ...structuredClone(action.pod.metadata), name, uid: `uid-${name}`, creationTimestamp: this.stamp() }, status: { phase: 'Pending' } });
        }
      } else if (action.type === 'DeletePods') {
        for (const pod of action.pods) this.find(pod).metadata.deletionTimestamp = this.stamp();
      } else if (action.type === 'UpdateStatus') {
        this.job = { ...this.job, status: action.status };
      } else if (action.type === 'RemovePodFinalizer') {
        this.find(action.pod).metadata.finalizers = action.pod.metadata.finalizers;
      }
    }
    this.pods = this.pods.filter((p) => !(p.metadata.deletionTimestamp && !p.metadata.finalizers?.length));
  }

  finish(name: string, phase: 'Succeeded' | 'Failed'): void {
    const pod = this.pods.find((p) => p.metadata.name === name)!;
    pod.status = { phase, containerStatuses: [{ name: 'c', restartCount: 0, state: { terminated: { finishedAt: this.stamp() } } }] } as Pod['status'];
  }

  /**
   * Reconciles until nothing changes any more (as the informer-driven shell would), then lets the TTL-after-finished
   * controller judge the Job; returns when either wants to look again.
   */
  settle(timeScale: number): number | undefined {
    const clock = { now: this.now, timeScale };
    for (let pass = 0; pass < 10; pass++) {
      const { actions, requeueAfterMs } = reconcileJob(this.job, this.pods, clock);
      if (actions.length === 0) {
        const expiry = expireFinishedJob(this.job, clock);
        this.deleted = expiry.deleteJob;
        return requeueAfterMs ?? expiry.requeueAfterMs;
      }
      this.apply(actions);
    }
    throw new Error('did not settle');
  }

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  private stamp(): string {
    return this.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private find(pod: Pod): Pod {
    return this.pods.find((p) => p.metadata.uid === pod.metadata.uid)!;
  }
}

function newJob(spec: Record<string, any>): Job {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
    spec: { completions: 2, parallelism: 1, backoffLimit: 6, template: { metadata: { labels: { 'job-name': 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } }, ...spec },
  };
}

describe('a Job over its whole life (virtual clock)', () => {
  it.each([{ timeScale: 1 }, { timeScale: 20 }])('success, failure with back-off, success, completion, TTL (scale $timeScale)', ({ timeScale }) => {
    const world = new World(newJob({ ttlSecondsAfterFinished: 60 }), new Date('2025-01-01T12:00:00Z'));
    world.settle(timeScale);
    expect(world.pods.map((p) => p.metadata.name)).toEqual(['pi-0']);

    world.finish('pi-0', 'Succeeded');
    world.settle(timeScale);
    expect(world.job.status).toMatchObject({ succeeded: 1, active: 1, uncountedTerminatedPods: {} });

    world.advance(5000);
    world.finish('pi-1', 'Failed');
    const backoff = world.settle(timeScale);
    expect(backoff).toBe(10000 / timeScale);
    expect(world.job.status).toMatchObject({ succeeded: 1, failed: 1 });
    expect(world.job.status!.active).toBeUndefined();

    world.advance(backoff!);
    world.settle(timeScale);
    expect(world.pods.map((p) => p.metadata.name)).toEqual(['pi-0', 'pi-1', 'pi-2']);

    world.finish('pi-2', 'Succeeded');
    const ttl = world.settle(timeScale);
    expect(world.job.status).toMatchObject({ succeeded: 2, failed: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(world.job.status!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(world.pods.every((p) => !p.metadata.finalizers?.length)).toBe(true);
    expect(ttl).toBeLessThanOrEqual(60000 / timeScale);
    expect(ttl).toBeGreaterThan(60000 / timeScale - 1000);

    world.advance(ttl!);
    world.settle(timeScale);
    expect(world.deleted).toBe(true);
  });

  it('a deleted pod is counted once as failed, even after it disappears', () => {
    const world = new World(newJob({ completions: 1 }), new Date('2025-01-01T12:00:00Z'));
    world.settle(1);
    world.apply([{ type: 'DeletePods', pods: [world.pods[0]] }]);
    world.settle(1);
    expect(world.pods.map((p) => p.metadata.name)).toEqual(['pi-1']);
    expect(world.job.status).toMatchObject({ failed: 1, active: 1 });
    world.settle(1);
    expect(world.job.status!.failed).toBe(1);
  });
});
