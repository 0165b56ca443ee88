import { busConnectionOptions, readLeader } from '@kubelab/bus';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const election = ['--leader-elect-lease-duration', '3', '--leader-elect-renew-deadline', '2', '--leader-elect-retry-period', '0.5'];

describe('two controller-managers: one leads, the other takes over when it is killed', () => {
  let lab: TestLab;
  let nc: NatsConnection;
  const managers = new Map<string, ChildProcess>();

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20, components: ['nats', 'api-server', 'scheduler', 'kubelet-agent'] });
    nc = await connect({ servers: lab.state().natsUrl, ...busConnectionOptions({ kind: 'admin' }, join(lab.dataDir, 'nats/users/admin.nk')) });
    // As kubelab up starts it: with the lab CA to publish as kube-root-ca.crt, which every pod's kube-api-access volume mounts.
    const rootCa = ['--root-ca-file', join(lab.dataDir, 'pki', 'ca.crt')];
    for (const identity of ['cm-a', 'cm-b']) managers.set(identity, lab.startProcess('controller-manager', [...election, ...rootCa, '--leader-elect-identity', identity]));
  });
  afterAll(async () => {
    await nc?.close();
    lab?.stop();
  });

  it('creates each pod once, before and after the handover', async () => {
    // Two processes started cold under tsx: a loaded machine needs a while to compile and start them.
    const leader = await waitFor(async () => (await readLeader(nc, 'kube-controller-manager'))?.holderIdentity, 'a leader', 30_000);
    const manifest = (replicas: number) => JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ha' },
      spec: { replicas, selector: { matchLabels: { app: 'ha' } }, template: { metadata: { labels: { app: 'ha' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } },
    });
    await lab.kubectl(['apply', '-f', '-'], { stdin: manifest(3) });
    const ready = (n: number) => waitFor(async () => (await lab.kubectl(['get', 'deployment', 'ha', '-o', 'jsonpath={.status.readyReplicas}'])).stdout === String(n) || undefined, `${n} ready`, 30_000);
    await ready(3);
    const killedAt = Date.now();
    managers.get(leader)!.kill('SIGKILL');
    await lab.kubectl(['scale', 'deployment', 'ha', '--replicas=5']);
    const successor = await waitFor(async () => {
      const holder = (await readLeader(nc, 'kube-controller-manager'))?.holderIdentity;
      return holder && holder !== leader ? holder : undefined;
    }, 'the standby to take over', 10_000);
    expect(Date.now() - killedAt).toBeLessThan(3_000 + 2 * 500 + 1_500);
    await ready(5);
    const events = (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?kind=Pod`).then((r) => r.text())).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const created = events.filter((e) => e.type === 'PodCreated' && e.name.startsWith('ha-'));
    expect(created).toHaveLength(5);
    expect(new Set(created.map((e) => e.actor))).toEqual(new Set(['replicaset-controller']));
    expect(successor).not.toBe(leader);
  });
});
