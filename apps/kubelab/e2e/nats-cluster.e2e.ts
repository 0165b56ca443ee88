import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { connect, nkeyAuthenticator } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosDrill, readyWebPods, webDeployment } from './lab-drills.js';

const timeScale = 20;

describe('a lab on a three-member NATS cluster (2 nodes, time scale 20)', () => {
  let lab: TestLab;

  const chaos = (args: string[]) => chaosDrill(lab, args);
  const readyPods = () => readyWebPods(lab);
  /** Each lab bucket's replicas as its leader sees them: name → whether each follower is current. */
  const bucketReplicas = async () => {
    const seed = new TextEncoder().encode(readFileSync(join(lab.dataDir, 'nats/users/admin.nk'), 'utf8').trim());
    const nc = await connect({ servers: lab.state().natsUrls, authenticator: nkeyAuthenticator(seed) });
    try {
      const jsm = await nc.jetstreamManager();
      const buckets: Record<string, { replicas: number; members: string[]; current: boolean }> = {};
      for await (const si of jsm.streams.list()) {
        const followers = si.cluster?.replicas ?? [];
        buckets[si.config.name] = {
          replicas: si.config.num_replicas, members: [si.cluster?.leader ?? '', ...followers.map((r) => r.name)].sort(), current: followers.every((r) => r.current),
        };
      }
      return buckets;
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale, upArgs: ['--nats-cluster', '3'] });
  });
  afterAll(() => lab?.stop());

  it('runs nats-1 … nats-3, gives every component all their URLs and keeps each bucket on all three', async () => {
    const status = lab.kubelab(['status']).stdout;
    for (const member of ['nats-1', 'nats-2', 'nats-3']) expect(status).toMatch(new RegExp(`^${member}\\s+\\d+\\s+running`, 'm'));
    expect(status).not.toMatch(/^nats\s/m);
    const state = lab.state();
    expect(state.natsUrls).toHaveLength(3);
    expect(state.natsUrl).toBe(state.natsUrls.join(','));
    // Each process's --nats-url names three servers: the members themselves, or for an agent its relay's port to each.
    const processes = JSON.parse(readFileSync(join(lab.dataDir, 'lab.json'), 'utf8')).processes as { name: string; cmdline: string[] }[];
    const natsUrlOf = (name: string) => {
      const cmdline = processes.find((p) => p.name === name)!.cmdline;
      return cmdline[cmdline.indexOf('--nats-url') + 1].split(',');
    };
    for (const name of ['api-server', 'scheduler', 'controller-manager']) expect([name, natsUrlOf(name)]).toEqual([name, state.natsUrls]);
    for (const name of ['kubelet-agent/node-1', 'kubelet-agent/node-2']) expect(natsUrlOf(name)).toHaveLength(3);
    const buckets = await bucketReplicas();
    expect(Object.keys(buckets).sort()).toEqual(['KV_kubelab-images', 'KV_kubelab-leader-leases', 'KV_kubelab-node-leases', 'KV_kubelab-node-usage', 'KV_kubelab-volumes']);
    for (const bucket of Object.values(buckets)) expect(bucket).toMatchObject({ replicas: 3, members: ['nats-1', 'nats-2', 'nats-3'] });
  });

  it('scales a Deployment while nats-1 is killed: every replica Ready; nats-1 started again rejoins every bucket', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: webDeployment(2) })).code).toBe(0);
    await waitFor(async () => (await readyPods()).length === 2, '2 ready pods', 20_000);
    expect((await lab.kubectl(['scale', 'deployment/web', '--replicas', '8'])).code).toBe(0);
    expect(chaos(['kill', 'nats-1'])).toMatch(/^chaos: kill -KILL nats-1 \(pid \d+\)/);
    expect(lab.kubelab(['status']).stdout).toMatch(/^nats-1\s+\d+\s+killed/m);
    // The node-lease bucket may lose its leader with nats-1: at time scale 20 the node monitor's grace (50 lab-s) is 2.5 s,
    // shorter than a loaded election, so nodes may go Unknown for a moment; the agents report them Ready again once renewals work.
    const nodesReady = async () => JSON.parse((await lab.kubectl(['get', 'nodes', '-o', 'json'])).stdout).items
      .map((n: any) => n.status.conditions.find((c: any) => c.type === 'Ready').status) as string[];
    const ready = await waitFor(async () => {
      const pods = await readyPods();
      return pods.length === 8 && (await nodesReady()).every((s) => s === 'True') && pods;
    }, '8 ready pods on Ready nodes with nats-1 killed', 60_000);
    expect(new Set(ready.map((p) => p.spec.nodeName))).toEqual(new Set(['node-1', 'node-2']));

    expect(chaos(['start', 'nats-1'])).toMatch(/^chaos: start nats-1 \(pid \d+\)/);
    expect(lab.kubelab(['status']).stdout).toMatch(/^nats-1\s+\d+\s+running/m);
    await waitFor(async () => Object.values(await bucketReplicas()).every((b) => b.members.includes('nats-1') && b.current), 'nats-1 current again in every bucket', 30_000, 250);
    const verify = lab.kubelab(['verify']);
    expect(verify.stdout).toMatch(/the event log and the live state agree/);
    expect(verify.status).toBe(0);
  });
});
