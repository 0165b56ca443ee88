import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sleeper = (name: string, namespace?: string) => JSON.stringify({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { template: { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } },
});

describe('the Job tracking finalizer when a Job goes (time scale 20)', () => {
  let lab: TestLab;
  const podsOf = async (job: string, namespace = lab.namespace) =>
    JSON.parse((await lab.kubectl(['get', 'pods', '-n', namespace, '-l', `job-name=${job}`, '-o', 'json'])).stdout).items as any[];

  beforeAll(async () => {
    lab = await sharedLab('job-finalizers');
  });
  afterAll(() => lab?.stop());

  it('releases the pods of a deleted Job, so they go instead of staying Terminating', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: sleeper('sleepy') })).stderr).toBe('');
    const [pod] = await waitFor(async () => {
      const pods = await podsOf('sleepy');
      return pods.length === 1 && pods[0].status?.phase === 'Running' ? pods : undefined;
    }, 'the Job\'s pod Running', 30_000);
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    const deleted = await lab.kubectl(['delete', 'job', 'sleepy']);
    expect(deleted.stdout).toContain('job.batch "sleepy" deleted');
    await waitFor(async () => (await podsOf('sleepy')).length === 0 || undefined, 'the Job\'s pods gone', 30_000);
  });

  it('deletes a namespace holding a running Job to the end', async () => {
    // Named after the suite: namespaces are cluster-scoped on the shared lab.
    const batchwork = 'job-finalizers-batchwork';
    expect((await lab.kubectl(['create', 'namespace', batchwork])).stderr).toBe('');
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: sleeper('inside', batchwork) })).stderr).toBe('');
    await waitFor(async () => (await podsOf('inside', batchwork)).some((p) => p.status?.phase === 'Running') || undefined, 'the pod Running', 30_000);
    const deleted = await lab.kubectl(['delete', 'namespace', batchwork, '--timeout=60s'], { timeoutMs: 70_000 });
    expect(deleted.stdout).toContain(`namespace "${batchwork}" deleted`);
    expect(deleted.stderr).toBe('');
    expect((await lab.kubectl(['get', 'namespace', batchwork, '--ignore-not-found', '-o', 'name'])).stdout).toBe('');
  });
});
