import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosDrill, labPods, readyWebPods, webDeployment } from './lab-drills.js';

const timeScale = 20;
const probed = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probed' },
  spec: {
    containers: [{
      name: 'nginx', image: 'nginx:1.14.2',
      livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2, failureThreshold: 2 },
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 },
    }],
  },
});

describe('chaos drills (3 nodes, time scale 20)', () => {
  let lab: TestLab;

  const pods = (selector = 'app=web') => labPods(lab, selector);
  const readyPods = () => readyWebPods(lab);
  const nodeReady = async (name: string) => {
    const node = JSON.parse((await lab.kubectl(['get', 'node', name, '-o', 'json'])).stdout);
    return node.status.conditions.find((c: any) => c.type === 'Ready').status as string;
  };
  const chaos = (args: string[]) => chaosDrill(lab, args);
  const pod = async (name: string) => JSON.parse((await lab.kubectl(['get', 'pod', name, '-o', 'json'])).stdout);

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale });
  });
  afterAll(() => lab?.stop());

  it('kill-agent: the replacements run on the other nodes with new UIDs within the toleration, why leads back to the kill, start-agent clears the old pods', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: webDeployment(6) })).code).toBe(0);
    // A fresh lab among the first of a run, beside three other labs starting and the typecheck: its first pods may take a
    // while, and a node whose lease was late under that load may have been passed over, so the drill kills a node that runs some.
    const before = await waitFor(async () => {
      const ready = await readyPods();
      return ready.length === 6 && new Set(ready.map((p) => p.spec.nodeName)).size >= 2 && ready;
    }, '6 ready pods on at least 2 nodes', 60_000);
    const victim = before[0].spec.nodeName as string;
    const onVictim = before.filter((p) => p.spec.nodeName === victim);
    const oldUids = new Set(before.map((p) => p.metadata.uid));

    // A node's agent is a thread of the thread host: the drill ends that thread, the other nodes' run on in the process.
    expect(chaos(['kill-agent', victim])).toMatch(new RegExp(`^chaos: kill -KILL kubelet-agent/${victim} \\(thread \\d+ of pid \\d+\\)`));
    // Node grace period 40 s and the default toleration 300 s, scaled: 17 s on a quiet machine. What evicted them is
    // read below from the events and the why chain, not from how long a busy machine took.
    const replacements = await waitFor(async () => {
      const ready = (await readyPods()).filter((p) => p.spec.nodeName !== victim);
      return ready.length === 6 && ready.filter((p) => !oldUids.has(p.metadata.uid));
    }, `six ready pods off ${victim}`, 60_000);
    expect(replacements).toHaveLength(onVictim.length);
    const evictions = JSON.parse((await lab.kubectl(['get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'json'])).stdout) as { items: { involvedObject: { uid: string } }[] };
    expect(new Set(evictions.items.map((e) => e.involvedObject.uid))).toEqual(new Set(onVictim.map((p) => p.metadata.uid)));
    expect(new Set(replacements.map((p) => p.spec.nodeName))).not.toContain(victim);
    expect(await nodeReady(victim)).toBe('Unknown');

    const why = lab.kubelab(['why', `pod/${replacements[0].metadata.name}`]);
    expect(why.status).toBe(0);
    const order = [`ChaosKillAgent: chaos: kill -KILL kubelet-agent/${victim}`, 'Ready True → Unknown', 'node.kubernetes.io/unreachable:NoExecute added',
      'deletion requested', 'created for ReplicaSet', 'bound to node-', 'Started container'];
    const positions = order.map((text) => why.stdout.indexOf(text));
    expect(positions.every((p) => p >= 0), why.stdout).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const other of replacements.slice(1)) expect(lab.kubelab(['why', `pod/${other.metadata.name}`]).stdout).toContain('ChaosKillAgent');

    expect(lab.kubelab(['status']).stdout).toMatch(new RegExp(`kubelet-agent/${victim}\\s+\\d+\\s+killed`));
    // The other nodes' agents, threads of the same process, ran on: their nodes stayed Ready.
    for (const other of ['node-1', 'node-2', 'node-3'].filter((n) => n !== victim)) {
      expect(lab.kubelab(['status']).stdout).toMatch(new RegExp(`kubelet-agent/${other}\\s+\\d+\\s+running`));
      expect(await nodeReady(other)).toBe('True');
    }
    expect(chaos(['start-agent', victim])).toMatch(new RegExp(`start kubelet-agent/${victim}: thread \\d+ of pid \\d+, node Ready`));
    await waitFor(async () => (await pods()).every((p) => !p.metadata.deletionTimestamp) || undefined, 'the old Terminating pods to go', 45_000);
    expect((await pods()).map((p) => p.metadata.uid).filter((uid) => onVictim.some((o) => o.metadata.uid === uid))).toEqual([]);
  });

  it('pause-agent and partition silence a node whose process lives on; resume-agent and the end of the partition bring it back Ready', async () => {
    chaos(['pause-agent', 'node-1']);
    expect(lab.kubelab(['status']).stdout).toMatch(/kubelet-agent\/node-1\s+\d+\s+paused/);
    await waitFor(async () => (await nodeReady('node-1')) === 'Unknown', 'node-1 to go Unknown', 45_000);
    chaos(['resume-agent', 'node-1']);
    await waitFor(async () => (await nodeReady('node-1')) === 'True', 'node-1 Ready again', 30_000);

    const pid = lab.state().processes.find((p) => p.name === 'kubelet-agent/node-3')!.pid;
    // Long enough (15 s) for `kubelab status` to see it on a busy machine.
    expect(chaos(['partition', 'node-3', '--for', '300s'])).toContain('heals after 300s');
    expect(lab.kubelab(['status']).stdout).toContain('partitioned from NATS');
    await waitFor(async () => (await nodeReady('node-3')) === 'Unknown', 'node-3 to go Unknown', 45_000);
    await waitFor(async () => (await nodeReady('node-3')) === 'True', 'node-3 Ready after the partition', 30_000);
    expect(lab.state().processes.find((p) => p.name === 'kubelet-agent/node-3')!.pid).toBe(pid);
  });

  it('crash, oom and unhealthy act on a container: restarts with the exit code, OOMKilled, and a failing liveness probe', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: probed })).code).toBe(0);
    await waitFor(async () => (await pod('probed')).status.containerStatuses?.[0]?.ready, 'the probed pod to be ready', 45_000);
    expect(chaos(['crash', 'probed', '--exit-code', '3'])).toContain('exited with code 3');
    const crashed = await waitFor(async () => {
      const s = (await pod('probed')).status.containerStatuses[0];
      return s.restartCount === 1 && s.lastState?.terminated && s;
    }, 'a restart after the crash', 45_000);
    expect(crashed.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });

    await waitFor(async () => (await pod('probed')).status.containerStatuses[0].state.running, 'the container running again', 45_000);
    chaos(['oom', 'probed']);
    const oom = await waitFor(async () => {
      const s = (await pod('probed')).status.containerStatuses[0];
      return s.restartCount === 2 && s.lastState?.terminated && s;
    }, 'a restart after the OOM kill', 45_000);
    expect(oom.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });

    await waitFor(async () => (await pod('probed')).status.containerStatuses[0].state.running, 'the container running again', 45_000);
    chaos(['unhealthy', 'probed', '--probe', 'liveness']);
    await waitFor(async () => (await pod('probed')).status.containerStatuses[0].restartCount === 3, 'the liveness probe to restart it', 45_000);
    const events = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=probed'])).stdout;
    expect(events).toContain('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events).toMatch(/ChaosCrash\s+pod\/probed\s+chaos: crash container nginx \(exit 3\)/);
  });

  it('refuses what it cannot do, naming what exists, and records nothing for it', async () => {
    const unknown = lab.kubelab(['chaos', 'kill-agent', 'node-9']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('kubelab: no agent runs node "node-9" in this lab; nodes: node-1, node-2, node-3\n');
    const noProbe = lab.kubelab(['chaos', 'unhealthy', 'probed', '--probe', 'readiness', '-c', 'sidecar']);
    expect(noProbe.stderr).toContain('has no container "sidecar"; it has: nginx');
    const badFlag = lab.kubelab(['chaos', 'crash', 'probed', '--exit-code', 'x']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('--exit-code must be a whole number from 1 to 255');
    expect((await lab.kubectl(['get', 'events', '-A', '--field-selector', 'reason=ChaosKillAgent', '-o', 'name'])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('kill api-server mid-drill: nothing acknowledged is lost, the other services resync without a restart, verify passes', async () => {
    const pidsBefore = lab.state().processes.filter((p) => p.name !== 'api-server').map((p) => p.pid);
    for (let i = 0; i < 20; i++) expect((await lab.kubectl(['create', 'namespace', `acked-${i}`])).code).toBe(0);
    chaos(['kill', 'api-server']);
    expect((await lab.kubectl(['get', 'pods'], { timeoutMs: 5000 })).code).not.toBe(0);
    const slo = lab.kubelab(['status', '--slo']);
    expect(slo.status).toBe(1);
    expect(slo.stderr).toMatch(/^kubelab: no SLOs: the api-server at https:\/\/127\.0\.0\.1:\d+ does not answer \(connect ECONNREFUSED [\d.:]+\): kubelab status says whether it runs\n$/);
    expect(chaos(['start', 'api-server'])).toMatch(/start api-server \(pid \d+\)/);
    const names = (await lab.kubectl(['get', 'namespaces', '-o', 'name'])).stdout;
    for (let i = 0; i < 20; i++) expect(names).toContain(`namespace/acked-${i}\n`);
    expect((await lab.kubectl(['scale', 'deployment', 'web', '--replicas=4'])).code).toBe(0);
    await waitFor(async () => (await readyPods()).length === 4 && (await pods()).length === 4, 'the scaled-down deployment', 60_000);
    expect(lab.state().processes.filter((p) => p.name !== 'api-server').map((p) => p.pid)).toEqual(pidsBefore);
    const verify = lab.kubelab(['verify']);
    expect(verify.stdout).toContain('the event log and the live state agree');
    expect(verify.status).toBe(0);
  });

  it('random: the same seed gives the same schedule; after the run the deployment is whole again and verify passes', async () => {
    const dry = () => lab.kubelab(['chaos', 'random', '--duration', '60s', '--seed', '7', '--dry-run']).stdout;
    const schedule = dry();
    expect(schedule).toMatch(/^chaos random: seed 7, 60s of lab time \(3\.0 s real\), \d+ steps\n(\+\d+\.\d+s \S+ .+\n)+$/);
    expect(dry()).toBe(schedule);

    const run = lab.kubelab(['chaos', 'random', '--duration', '60s', '--seed', '7']);
    expect(run.status).toBe(0);
    const steps = schedule.split('\n').slice(1).filter(Boolean);
    for (const step of steps) expect(run.stdout).toContain(`${step}: `);
    await waitFor(async () => (await readyPods()).length === 4 && (await pods()).length === 4, 'the deployment back at 4 ready replicas', 30_000);
    await waitFor(async () => (await Promise.all(['node-1', 'node-2', 'node-3'].map(nodeReady))).every((s) => s === 'True'), 'every node Ready', 45_000);
    expect(lab.kubelab(['verify']).status).toBe(0);

    const drills = await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?actor=chaos&kind=Event`).then((r) => r.text());
    const reasons = new Set(drills.trim().split('\n').map((l) => JSON.parse(l).object.reason));
    for (const r of ['ChaosKillAgent', 'ChaosStartAgent', 'ChaosPauseAgent', 'ChaosResumeAgent', 'ChaosPartition', 'ChaosHeal', 'ChaosCrash', 'ChaosOOM', 'ChaosUnhealthy', 'ChaosKill', 'ChaosStart']) {
      expect(reasons).toContain(r);
    }
  });
});
