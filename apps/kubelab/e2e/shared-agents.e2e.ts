import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosDrill, readyWebPods, webDeployment } from './lab-drills.js';

const kubelabBin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

describe('agents that host several nodes (kubelab up --nodes 3 --nodes-per-agent 2, time scale 20)', () => {
  let lab: TestLab;
  const chaos = (args: string[]) => chaosDrill(lab, args);
  const statuses = async () => Object.fromEntries((await lab.kubectl(['get', 'nodes', '--no-headers'])).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2)));

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale: 20, upArgs: ['--nodes-per-agent', '2'] });
  });
  afterAll(() => lab?.stop());

  it('runs node-1 and node-2 in one agent and node-3 in its own: each Node registers and runs pods, status shows the agents', async () => {
    const agents = lab.state().processes.filter((p) => p.name.startsWith('kubelet-agent/'));
    expect(agents.map((p) => [p.name, (p as { nodes?: string[] }).nodes])).toEqual([['kubelet-agent/node-1..node-2', ['node-1', 'node-2']], ['kubelet-agent/node-3', ['node-3']]]);
    expect(await statuses()).toEqual({ 'node-1': 'Ready', 'node-2': 'Ready', 'node-3': 'Ready' });
    const status = lab.kubelab(['status']).stdout;
    expect(status).toMatch(/^kubelet-agent\/node-1\.\.node-2 +\d+ +running /m);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: webDeployment(6) })).code).toBe(0);
    const ready = await waitFor(async () => {
      const pods = await readyWebPods(lab);
      return pods.length === 6 && new Set(pods.map((p) => p.spec.nodeName)).size === 3 && pods;
    }, '6 ready web pods on all 3 nodes', 60_000);
    // The agent of two nodes runs each node's pods as that node's kubelet: a pod's hostIP is its own node's.
    const hostIps = new Map<string, Set<string>>();
    for (const p of ready) hostIps.set(p.spec.nodeName, (hostIps.get(p.spec.nodeName) ?? new Set()).add(p.status.hostIP));
    expect([...hostIps.values()].map((ips) => ips.size)).toEqual([1, 1, 1]);
    expect(new Set([...hostIps.values()].map((ips) => [...ips][0])).size).toBe(3);
  });

  it('kill-agent of either node takes the agent down with both its nodes, says so and records it on each; start-agent brings both back', async () => {
    expect(chaos(['kill-agent', 'node-2'])).toMatch(/^chaos: kill -KILL kubelet-agent\/node-1\.\.node-2 \(thread \d+ of pid \d+\); it hosts node-1, node-2\n$/);
    await waitFor(async () => {
      const s = await statuses();
      return s['node-1'] === 'NotReady' && s['node-2'] === 'NotReady' && s;
    }, 'node-1 and node-2 NotReady', 30_000, 250);
    expect((await statuses())['node-3']).toBe('Ready');
    const events = JSON.parse((await lab.kubectl(['get', 'events', '-A', '--field-selector', 'reason=ChaosKillAgent', '-o', 'json'])).stdout) as { items: { involvedObject: { name: string } }[] };
    expect(events.items.map((e) => e.involvedObject.name).sort()).toEqual(['node-1', 'node-2']);
    const again = lab.kubelab(['chaos', 'kill-agent', 'node-1']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('kubelab: kubelet-agent/node-1..node-2 is stopped; start it with: kubelab chaos start-agent node-1\n');
    expect(chaos(['start-agent', 'node-1'])).toMatch(/^chaos: start kubelet-agent\/node-1\.\.node-2; it hosts node-1, node-2: thread \d+ of pid \d+, nodes Ready\n$/);
    expect(await statuses()).toEqual({ 'node-1': 'Ready', 'node-2': 'Ready', 'node-3': 'Ready' });
  });

  it('partition cuts both nodes of the agent off and heal lets them back; node-3 stays Ready throughout', async () => {
    expect(chaos(['partition', 'node-1'])).toMatch(/^chaos: cut kubelet-agent\/node-1\.\.node-2 off NATS; its process and containers keep running; it hosts node-1, node-2\n$/);
    await waitFor(async () => {
      const s = await statuses();
      return s['node-1'] === 'NotReady' && s['node-2'] === 'NotReady' && s['node-3'] === 'Ready';
    }, 'node-1 and node-2 NotReady, node-3 Ready', 30_000, 250);
    expect(chaos(['heal', 'node-2'])).toMatch(/^chaos: let kubelet-agent\/node-1\.\.node-2 reach NATS again; it hosts node-1, node-2\n$/);
    await waitFor(async () => Object.values(await statuses()).every((s) => s === 'Ready'), 'every node Ready again', 30_000, 250);
  });

  it('refuses --nodes-per-agent that is not a positive whole number before anything starts, also with --detach', () => {
    const dataDir = tempDir('nodes-per-agent');
    for (const value of ['0', 'two', '1.5']) {
      const up = spawnSync(process.execPath, [kubelabBin, 'up', '--detach', '--data-dir', dataDir, '--nodes-per-agent', value, '--api-port', '0', '--dashboard-port', '0'], { encoding: 'utf8', timeout: 60_000 });
      expect(up.status).toBe(2);
      expect(up.stderr).toBe(`kubelab: --nodes-per-agent must be a positive whole number, got "${value}"\n`);
    }
  });
});
