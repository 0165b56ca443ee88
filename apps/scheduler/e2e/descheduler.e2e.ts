import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const service = (name: string) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas: 2, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'nginx:1.14.2' }] } },
  },
});

/** Seed 002: services A and B, two replicas each, on two nodes; node 2 goes away and comes back. */
describe('the descheduler rebalances the pile-up after a node comes back (seed 002)', () => {
  let lab: TestLab;
  const placement = async () => {
    const pods = JSON.parse((await lab.kubectl(['get', 'pods', '-o', 'json'])).stdout).items as any[];
    return pods
      .filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp)
      .map((p) => `${p.metadata.labels.app}@${p.spec.nodeName}`)
      .sort();
  };
  const until = (wanted: string[], what: string, timeoutMs = 40_000) =>
    waitFor(async () => (JSON.stringify(await placement()) === JSON.stringify(wanted) ? true : undefined), what, timeoutMs);

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('piles A and B up on node-1 while node-2 is away; kubelab deschedule spreads them again and says why', async () => {
    await lab.kubectl(['apply', '-f', '-'], { stdin: `${service('a')}\n${service('b')}` });
    await until(['a@node-1', 'a@node-2', 'b@node-1', 'b@node-2'], 'one A and one B on each node');

    // A chaos drill: the supervisor would restart an agent killed behind its back.
    expect(lab.kubelab(['chaos', 'kill-agent', 'node-2']).status).toBe(0);
    await until(['a@node-1', 'a@node-1', 'b@node-1', 'b@node-1'], 'all four on node-1 after node-2 is lost');
    const back = lab.startProcess('kubelet-agent', ['--node-name', 'node-2']);
    try {
      await waitFor(async () => / Ready /.test((await lab.kubectl(['get', 'node', 'node-2', '--no-headers'])).stdout) || undefined, 'node-2 Ready again', 60_000);
      expect(await placement()).toEqual(['a@node-1', 'a@node-1', 'b@node-1', 'b@node-1']);

      const dry = lab.kubelab(['deschedule', '--dry-run']);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout.match(/^would evict default\/[ab]-\S+ from node-1 \(RemoveDuplicates\)/gm)).toHaveLength(2);
      expect(await placement()).toEqual(['a@node-1', 'a@node-1', 'b@node-1', 'b@node-1']);

      const run = lab.kubelab(['deschedule']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.match(/^evicted default\/[ab]-\S+ from node-1 \(RemoveDuplicates\)/gm)).toHaveLength(2);
      await until(['a@node-1', 'a@node-2', 'b@node-1', 'b@node-2'], 'balanced again');
      const events = JSON.parse((await lab.kubectl(['get', 'events', '--field-selector', 'reason=Descheduled', '-o', 'json'])).stdout).items as any[];
      expect(events).toHaveLength(2);
      expect(events[0].message).toMatch(/RemoveDuplicates/);
    } finally {
      back.kill('SIGKILL');
    }
  });
});
