import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '@kubelab/api';
import { releaseOrphanedPods } from './orphan-pods.js';
import { JOB_TRACKING_FINALIZER } from './job-pods.js';

const job = (uid: string): Job => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid } });
const pod = (name: string, owner: { kind: string; name: string; uid: string }, finalizers = [JOB_TRACKING_FINALIZER]): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, finalizers, ownerReferences: [{ apiVersion: 'batch/v1', ...owner, controller: true }] },
  status: { phase: 'Running' },
});

describe('releaseOrphanedPods', () => {
  it('releases the tracked pods of a Job that is gone', () => {
    const pods = [pod('pi-a', { kind: 'Job', name: 'pi', uid: 'j1' }), pod('pi-b', { kind: 'Job', name: 'pi', uid: 'j1' }, ['other/keep', JOB_TRACKING_FINALIZER])];
    const released = releaseOrphanedPods('pi', undefined, pods);
    expect(released.map((p) => [p.metadata.name, p.metadata.finalizers])).toEqual([
      ['pi-a', []],
      ['pi-b', ['other/keep']],
    ]);
  });

  it('releases the pods of an earlier Job by the same name, not those of the Job that exists', () => {
    const pods = [pod('pi-old', { kind: 'Job', name: 'pi', uid: 'j1' }), pod('pi-new', { kind: 'Job', name: 'pi', uid: 'j2' })];
    const released = releaseOrphanedPods('pi', job('j2'), pods);
    expect(released.map((p) => p.metadata.name)).toEqual(['pi-old']);
  });

  it('leaves untracked pods, other Jobs\' pods and pods of other kinds alone', () => {
    const pods = [
      pod('pi-done', { kind: 'Job', name: 'pi', uid: 'j1' }, []),
      pod('other-a', { kind: 'Job', name: 'other', uid: 'j3' }),
      pod('pi-rs', { kind: 'ReplicaSet', name: 'pi', uid: 'r1' }),
    ];
    expect(releaseOrphanedPods('pi', undefined, pods)).toEqual([]);
  });
});
