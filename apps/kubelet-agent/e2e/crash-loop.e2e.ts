import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('a crash-looping container in kubectl get pod -w (time scale 20, the real kubectl)', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('crash-loop');
  });
  afterAll(() => lab?.stop());

  it('shows 0/1 Error between the runs, then CrashLoopBackOff, as a 1.32 cluster does', async () => {
    // kubectl lists, then watches from the list's resourceVersion: once a pod already there is listed, no later row can be
    // missed, however late the watch connects. Without it, a pod that crashes in 50 ms was listed as Error already.
    expect((await lab.kubectl(['run', 'listed', '--labels=watched=crash-loop', '--image=registry.k8s.io/pause:3.10'])).stderr).toBe('');
    const watch = lab.kubectl.spawn(['get', 'pod', '-w', '-l', 'watched=crash-loop']);
    let statuses: string[] = [];
    try {
      await waitFor(() => watch.output().includes('listed'), 'kubectl get -w to list the pod already there', 20_000);
      const created = await lab.kubectl(['run', 'crasher', '--labels=watched=crash-loop', '--image=busybox:1.36', '--', 'sh', '-c', 'sleep 1; exit 1']);
      expect(created.stderr).toBe('');
      // Each row of the watch: READY and STATUS, in the order the status updates were published.
      const rows = () => watch.output().split('\n').filter((l) => l.startsWith('crasher')).map((l) => l.trim().split(/\s+/).slice(1, 3).join(' '));
      statuses = await waitFor(() => {
        const seen = rows();
        return seen.filter((r) => r === '0/1 CrashLoopBackOff').length >= 2 && seen;
      }, 'two CrashLoopBackOff rows in kubectl get -w', 60_000);
    } finally {
      watch.stop();
    }
    const firstBackOff = statuses.indexOf('0/1 CrashLoopBackOff');
    // The first crash is restarted at once; every crash shows Error before anything else.
    expect(statuses.slice(0, firstBackOff + 1)).toEqual(expect.arrayContaining(['1/1 Running', '0/1 Error']));
    statuses.forEach((row, i) => {
      if (row === '0/1 CrashLoopBackOff') expect(statuses[i - 1]).toBe('0/1 Error');
      if (row === '0/1 Error' && i > 0) expect(statuses[i - 1]).toBe('1/1 Running');
    });
    expect(statuses).not.toContain('0/1 Completed');
  });

  it('counts each repeat of the kubelet\'s Events on the one Event it first wrote, as kubectl describe shows them', async () => {
    type Listed = { items: { reason: string; count?: number; firstTimestamp: string; lastTimestamp: string }[] };
    const started = await waitFor(async () => {
      const listed = JSON.parse((await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=crasher,reason=Started', '-o', 'json'])).stdout) as Listed;
      return listed.items.length === 1 && (listed.items[0].count ?? 0) >= 2 && listed.items[0];
    }, 'one Started Event of the crasher, counted twice or more', 60_000);
    expect(started.firstTimestamp <= started.lastTimestamp).toBe(true);
    const described = (await lab.kubectl(['describe', 'pod', 'crasher'])).stdout;
    expect(described).toMatch(/Normal +Started +\S+ \(x\d+ over \S+\) +kubelet +Started container crasher/);
  });
});
