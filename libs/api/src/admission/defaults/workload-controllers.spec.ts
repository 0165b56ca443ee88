import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { CronJob, DaemonSet, StatefulSet } from '../../typed-objects.js';
import { applyDefaults } from './apply-defaults.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
const defaulted = <T extends KubeObject>(apiVersion: string, kind: string, spec: object): T =>
  applyDefaults({ apiVersion, kind, metadata: { name: 'web', namespace: 'default' }, spec }) as T;

describe('applyDefaults: StatefulSet, DaemonSet, CronJob', () => {
  it('gives a StatefulSet SetDefaults_StatefulSet and the template defaults', () => {
    const sts = defaulted<StatefulSet>('apps/v1', 'StatefulSet', { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template });
    expect({ ...sts.spec, template: undefined }).toEqual({
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
      template: undefined,
    });
    expect(sts.spec!.template.spec!.restartPolicy).toBe('Always');
    expect(sts.spec!.template.metadata!.creationTimestamp).toBeNull();
    expect(sts.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('keeps an OnDelete strategy without a rollingUpdate, and a given partition', () => {
    expect(defaulted<StatefulSet>('apps/v1', 'StatefulSet', { updateStrategy: { type: 'OnDelete' } }).spec!.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(defaulted<StatefulSet>('apps/v1', 'StatefulSet', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }).spec!.updateStrategy!.rollingUpdate).toEqual({ partition: 2 });
  });

  it('gives a DaemonSet a one-at-a-time rolling update and ten kept revisions', () => {
    const ds = defaulted<DaemonSet>('apps/v1', 'DaemonSet', { selector: { matchLabels: { app: 'web' } }, template });
    expect(ds.spec!.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec!.revisionHistoryLimit).toBe(10);
    expect(ds.spec!.template.spec!.dnsPolicy).toBe('ClusterFirst');
    expect(ds.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it('gives a CronJob its policies and limits, and defaults the pod template inside the Job template only', () => {
    const cj = defaulted<CronJob>('batch/v1', 'CronJob', { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } } } });
    expect(cj.spec!.concurrencyPolicy).toBe('Allow');
    expect(cj.spec!.suspend).toBe(false);
    expect([cj.spec!.successfulJobsHistoryLimit, cj.spec!.failedJobsHistoryLimit]).toEqual([3, 1]);
    expect(cj.spec!.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(cj.spec!.jobTemplate.spec!.backoffLimit).toBeUndefined();
    expect(cj.spec!.jobTemplate.spec!.template.spec!.terminationGracePeriodSeconds).toBe(30);
    expect(cj.spec!.jobTemplate.spec!.template.spec!.containers[0].imagePullPolicy).toBe('Always');
  });

  it('is idempotent', () => {
    const once = defaulted('apps/v1', 'StatefulSet', { template });
    expect(applyDefaults(once)).toEqual(once);
  });
});
