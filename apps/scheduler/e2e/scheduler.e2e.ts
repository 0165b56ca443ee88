import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pod = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }], terminationGracePeriodSeconds: 0, ...spec },
});
const cpu = (request: string) => ({ containers: [{ name: 'c', image: 'nginx:1.14.2', resources: { requests: { cpu: request } } }] });

// Time scale 5, not 20: the 50 s node-monitor grace is then 10 s, so a heartbeat late by a few seconds on a loaded machine does not
// make a node NotReady (and tainted) while a test counts where pods land.
describe('the scheduler with three agents and the real kubectl (time scale 5)', () => {
  let lab: TestLab;
  const apply = async (manifest: string) => {
    const r = await lab.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(r.stderr).toBe('');
  };
  const nodeOf = async (name: string) => (await lab.kubectl(['get', 'pod', name, '-o', 'jsonpath={.spec.nodeName}'])).stdout;
  const placed = (name: string) => waitFor(async () => (await nodeOf(name)) || undefined, `pod ${name} to be scheduled`, 15_000);
  const failedScheduling = (name: string) => waitFor(async () => {
    const out = (await lab.kubectl(['describe', 'pod', name])).stdout;
    return /FailedScheduling/.test(out) ? out : undefined;
  }, `FailedScheduling for ${name}`, 15_000);
  const deleteAll = async (...names: string[]) => lab.kubectl(['delete', 'pod', ...names, '--wait=false']);

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale: 5 });
  });
  afterAll(() => lab?.stop());

  it('spreads six plain pods 2/2/2 and says where each went in a Scheduled event', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `spread-${i}`);
    await apply(names.map((n) => pod(n)).join('\n'));
    const nodes = await Promise.all(names.map(placed));
    expect(nodes.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n]: (acc[n] ?? 0) + 1 }), {})).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    const events = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=spread-0,reason=Scheduled', '-o', 'json'])).stdout;
    const event = JSON.parse(events).items[0];
    expect(event.message).toBe(`Successfully assigned default/spread-0 to ${nodes[0]}`);
    expect(event.source.component).toBe('default-scheduler');
    const decision = JSON.parse(event.metadata.annotations['kubelab.dev/scheduling-decision']);
    expect(decision.feasibleNodes).toBe(3);
    expect(decision.topScores[0].node).toBe(nodes[0]);
    await deleteAll(...names);
  });

  it('keeps new pods off a cordoned node', async () => {
    await lab.kubectl(['cordon', 'node-2']);
    try {
      const names = Array.from({ length: 4 }, (_, i) => `cordoned-${i}`);
      await apply(names.map((n) => pod(n)).join('\n'));
      expect(await Promise.all(names.map(placed))).not.toContain('node-2');
      await deleteAll(...names);
    } finally {
      await lab.kubectl(['uncordon', 'node-2']);
    }
  });

  it('leaves a pod that fits nowhere Pending with Kubernetes\' words, and places it when a big enough node joins', async () => {
    await apply(pod('huge', cpu('100')));
    const described = await failedScheduling('huge');
    expect(described).toContain('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const condition = (await lab.kubectl(['get', 'pod', 'huge', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}'])).stdout;
    expect(condition).toBe('Unschedulable');
    const agent = lab.startProcess('kubelet-agent', ['--node-name', 'node-big', '--node-index', '40', '--cpu', '128']);
    try {
      expect(await waitFor(async () => (await nodeOf('huge')) || undefined, 'huge to land on the new node', 30_000)).toBe('node-big');
    } finally {
      await deleteAll('huge');
      agent.kill('SIGKILL');
      await lab.kubectl(['delete', 'node', 'node-big', '--wait=false']);
    }
  });

  it('follows nodeSelector and required node affinity, and says so when nothing matches', async () => {
    await lab.kubectl(['label', 'node', 'node-3', 'disktype=ssd', '--overwrite']);
    await apply(pod('ssd', { nodeSelector: { disktype: 'ssd' } }));
    expect(await placed('ssd')).toBe('node-3');
    await apply(pod('hdd', { nodeSelector: { disktype: 'hdd' } }));
    expect(await failedScheduling('hdd')).toContain("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
    const notOn = (op: string, values?: string[]) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: op, ...(values ? { values } : {}) }] }] } } },
    });
    await apply(pod('not-ssd', notOn('NotIn', ['ssd'])));
    expect(await placed('not-ssd')).not.toBe('node-3');
    await apply(pod('has-disktype', notOn('Exists')));
    expect(await placed('has-disktype')).toBe('node-3');
    await deleteAll('ssd', 'hdd', 'not-ssd', 'has-disktype');
  });

  it('keeps pods without a toleration off a tainted node, and lets one with it on', async () => {
    await lab.kubectl(['taint', 'nodes', 'node-1', 'node-2', 'dedicated=lab:NoSchedule']);
    try {
      await apply(pod('untolerated'));
      expect(await placed('untolerated')).toBe('node-3');
      await lab.kubectl(['taint', 'nodes', 'node-3', 'dedicated=lab:NoSchedule']);
      await apply(pod('refused'));
      expect(await failedScheduling('refused')).toContain('0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: lab}.');
      await apply(pod('tolerated', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'lab', effect: 'NoSchedule' }] }));
      expect(await placed('tolerated')).toMatch(/^node-[123]$/);
    } finally {
      await lab.kubectl(['taint', 'nodes', 'node-1', 'node-2', 'node-3', 'dedicated=lab:NoSchedule-']);
    }
    expect(await placed('refused')).toMatch(/^node-[123]$/);
    await deleteAll('untolerated', 'refused', 'tolerated');
  });

  it('spreads by topology with DoNotSchedule, and refuses a pod that would break maxSkew', async () => {
    const spread = (name: string) => pod(name, {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { group: 'skew' } } }],
    }, { group: 'skew' });
    // A tainted node still counts as a domain (nodeTaintsPolicy Ignore): its 0 pods cap the others at 1.
    await lab.kubectl(['taint', 'nodes', 'node-3', 'dedicated=lab:NoSchedule']);
    try {
      await apply(spread('skew-1'));
      await apply(spread('skew-2'));
      expect(new Set([await placed('skew-1'), await placed('skew-2')])).toEqual(new Set(['node-1', 'node-2']));
      await apply(spread('skew-3'));
      expect(await failedScheduling('skew-3')).toContain("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: lab}, 2 node(s) didn't match pod topology spread constraints.");
    } finally {
      await lab.kubectl(['taint', 'nodes', 'node-3', 'dedicated=lab:NoSchedule-']);
    }
    expect(await placed('skew-3')).toBe('node-3');
    await deleteAll('skew-1', 'skew-2', 'skew-3');
  });

  it('preempts a low-priority pod for a high-priority one on a full cluster', async () => {
    await apply([
      JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 10 }),
      JSON.stringify({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }),
    ].join('\n'));
    const fillers = ['filler-1', 'filler-2', 'filler-3'];
    await apply(fillers.map((n) => pod(n, { ...cpu('3'), priorityClassName: 'low', terminationGracePeriodSeconds: 1 })).join('\n'));
    const fillerNodes = await Promise.all(fillers.map(placed));
    expect(new Set(fillerNodes).size).toBe(3);
    await apply(pod('important', { ...cpu('3'), priorityClassName: 'high' }));
    const node = await waitFor(async () => (await nodeOf('important')) || undefined, 'the high-priority pod to be placed', 30_000);
    const victim = fillers[fillerNodes.indexOf(node)];
    const victimEvents = (await lab.kubectl(['get', 'events', '--field-selector', `involvedObject.name=${victim},reason=Preempted`, '--no-headers'])).stdout;
    expect(victimEvents).toContain(`on node ${node}`);
    expect((await lab.kubectl(['get', 'pod', victim, '--ignore-not-found', '-o', 'name'])).stdout.trim()).toBe('');
    await deleteAll('important', ...fillers.filter((f) => f !== victim));
  });
  it('honours pod anti-affinity (one per node, the fourth Pending with Kubernetes\' words) and pod affinity (next to its target)', async () => {
    const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'solo' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    await apply(JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'solo' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'solo' } }, template: { metadata: { labels: { app: 'solo' } }, spec: { affinity: antiAffinity, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } },
    }));
    const pods = await waitFor(async () => {
      const items = JSON.parse((await lab.kubectl(['get', 'pods', '-l', 'app=solo', '-o', 'json'])).stdout).items as any[];
      return items.length === 4 && items.filter((p) => p.spec.nodeName).length === 3 && items;
    }, 'three placed, one left', 20_000);
    expect(new Set(pods.filter((p) => p.spec.nodeName).map((p) => p.spec.nodeName)).size).toBe(3);
    const pending = pods.find((p) => !p.spec.nodeName).metadata.name;
    expect(await failedScheduling(pending)).toContain("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");

    await apply(pod('cache'));
    const cacheNode = await placed('cache');
    const nextToCache = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const sidecars = ['near-1', 'near-2', 'near-3'];
    await apply(sidecars.map((n) => pod(n, { affinity: nextToCache })).join('\n'));
    expect(await Promise.all(sidecars.map(placed))).toEqual([cacheNode, cacheNode, cacheNode]);

    const refused = await lab.kubectl(['apply', '-f', '-'], { stdin: pod('keyless', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } } }] } } }) });
    expect(refused.stderr).toContain('spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty');
    await lab.kubectl(['delete', 'deployment', 'solo']);
    await deleteAll('cache', ...sidecars);
  });
});
