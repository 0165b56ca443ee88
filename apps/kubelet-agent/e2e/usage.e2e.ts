/**
 * Resource use with the real kubectl, at time scale 20: `kubectl top` reads what the containers do (a busy loop under a
 * 300m limit, an idle shell), the controller-manager reads the same metrics over the bus as the HPA controller does,
 * a stress process past its memory limit is OOMKilled, and on a small node (1Gi, its own agent) memory pressure evicts
 * pods in the kubelet's order while the node reports MemoryPressure and is tainted; an emptyDir past its sizeLimit gets
 * its pod evicted too.
 */
import type { KubeObject } from '@kubelab/api';
import { ApiClient, busConnectionOptions, nodeUsage, putNodeUsage } from '@kubelab/bus';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Resources { requests?: Record<string, string>; limits?: Record<string, string> }
/** metrics.k8s.io's PodMetrics: what kubernetes-types does not have. */
type PodMetrics = KubeObject & { window: string; containers: { name: string; usage: Record<string, string> }[] };
const pod = (name: string, node: string, image: string, command: string[], resources: Resources = {}, labels: Record<string, string> = {}, extra: object = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
  spec: { nodeName: node, terminationGracePeriodSeconds: 0, containers: [{ name, image, command, resources }], ...extra },
});
/** polinux/stress holding `megabytes` of memory, as the docs' memory exercises run it. */
const stress = (name: string, node: string, megabytes: number, resources: Resources = {}) =>
  pod(name, node, 'polinux/stress', ['stress', '--vm', '1', '--vm-bytes', `${megabytes}M`, '--vm-hang', '1'], resources);
const millicores = (cell: string) => Number(/^(\d+)m$/.exec(cell)?.[1] ?? NaN);

describe('resource use and the metrics API (time scale 20)', () => {
  let lab: TestLab;
  const apply = async (...objects: object[]) => {
    const r = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) });
    expect(r.stderr).toBe('');
  };
  const jsonpath = async (kind: string, path: string) => (await lab.kubectl(['get', kind, '-o', `jsonpath=${path}`])).stdout;
  /** `kubectl top` rows (split on runs of spaces) once each name asked for has its metrics. */
  const topRows = (args: string[], names: string[], what: string) =>
    waitFor(async () => {
      const r = await lab.kubectl(['top', ...args]);
      const rows = r.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/));
      return r.code === 0 && names.every((n) => rows.some((row) => row.includes(n) && !row.includes('<unknown>'))) && rows;
    }, what, 30_000, 200);

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
  }, 150_000);
  afterAll(() => lab?.stop());

  it('lists in kubectl top nodes each node\'s use against its allocatable: the system\'s own on an empty node', async () => {
    const rows = await topRows(['nodes'], ['node-1', 'node-2'], 'both nodes\' metrics');
    expect(rows[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(rows.find((r) => r[0] === 'node-2')).toEqual(['node-2', '25m', '0%', '256Mi', '3%']);
    expect((await lab.kubectl(['get', 'apiservices'])).stdout).toMatch(/^v1beta1\.metrics\.k8s\.io\s+kube-system\/metrics-server\s+True\s+\d+s$/m);
  });

  it('reads a busy loop under a 300m limit at 300m and an idle shell at 0m, pod by pod and container by container', async () => {
    await apply(
      pod('busy', 'node-1', 'busybox', ['sh', '-c', 'while true; do :; done'], { limits: { cpu: '300m' } }, { app: 'busy' }),
      pod('idle', 'node-1', 'busybox', ['sh', '-c', 'sleep 3600'], {}, { app: 'idle' }),
    );
    // Before its first metrics window ends a pod has none; a loaded machine may take longer than the window to ask.
    const young = await lab.kubectl(['top', 'pod', 'busy']);
    if (young.code !== 0) expect(young.stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/busy" not found\n');
    // The loop is charged from its first spin: a loaded machine may end the pod's first window before the shell has run
    // enough commands to spin, so the window that counts is the first that reads it at its limit.
    const rows = await waitFor(async () => {
      const read = await topRows(['pods', '--containers', '-A'], ['busy', 'idle'], 'the two pods\' metrics');
      return millicores(read.find((r) => r[1] === 'busy')![3]) >= 270 && read;
    }, 'the busy loop read at 270m or more', 60_000);
    expect(rows[0]).toEqual(['NAMESPACE', 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const busy = rows.find((r) => r[1] === 'busy')!;
    expect(busy.slice(0, 3)).toEqual(['default', 'busy', 'busy']);
    expect(millicores(busy[3])).toBeLessThanOrEqual(300);
    expect(rows.find((r) => r[1] === 'idle')?.[3]).toBe('0m');
    const selected = await topRows(['pods', '-l', 'app=idle'], ['idle'], 'the idle pod by its label');
    expect(selected.map((r) => r[0])).toEqual(['NAME', 'idle']);
    const node1 = (await topRows(['nodes'], ['node-1'], 'node-1')).find((r) => r[0] === 'node-1')!;
    expect(millicores(node1[1])).toBeGreaterThanOrEqual(295);
  });

  it('serves the same PodMetrics over the bus, to the HPA controller\'s identity, by label selector', async () => {
    const hpa = await ApiClient.connect(lab.state().natsUrl, 'horizontal-pod-autoscaler', { kind: 'controller-manager' }, lab.natsUser('controller-manager', []), 5_000);
    try {
      const list = await hpa.list<PodMetrics>({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'pods' }, 'default', { labelSelector: 'app=busy' });
      expect(list.items.map((m) => m.metadata.name)).toEqual(['busy']);
      const [metrics] = list.items;
      expect(metrics).toMatchObject({ metadata: { namespace: 'default', labels: { app: 'busy' } }, window: expect.stringMatching(/s$/), containers: [{ name: 'busy' }] });
      expect(metrics.containers[0].usage.cpu).toMatch(/^\d+(n|u|m)?$/);
      expect(metrics.containers[0].usage.memory).toMatch(/^\d+(Ki|Mi)?$/);
    } finally {
      await hpa.close();
    }
  });

  it('lets no agent report another node\'s use: NATS refuses node-1\'s user the key of node-2', async () => {
    const node1 = { kind: 'kubelet', nodes: ['node-1'] } as const;
    const nc = await connect({ servers: lab.state().natsUrl, ...busConnectionOptions(node1, lab.natsUser('kubelet-agent', ['--node-name', 'node-1'])) });
    try {
      const kv = await nodeUsage(nc);
      const forged = { node: 'node-2', timestamp: '2025-01-01T00:00:00Z', window: '15s', cpuNanoCores: 0, memoryBytes: 0, pods: [], expires: '2999-01-01T00:00:00.000Z' };
      await expect(putNodeUsage(kv, forged)).rejects.toThrow();
    } finally {
      await nc.close();
    }
  });

  it('OOM-kills the memory exercise\'s stress past its 100Mi limit (exit 137, OOMKilled), then backs off', async () => {
    await apply(stress('memory-demo-2', 'node-2', 250, { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } }));
    await waitFor(async () => (await jsonpath('pod/memory-demo-2', '{.status.containerStatuses[0].state.waiting.reason}')) === 'CrashLoopBackOff', 'CrashLoopBackOff', 30_000, 100);
    const last = JSON.parse(await jsonpath('pod/memory-demo-2', '{.status.containerStatuses[0].lastState.terminated}'));
    expect(last).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('evicts a pod whose emptyDir outgrows its sizeLimit, with the kubelet\'s message', async () => {
    const filler = pod('cache-filler', 'node-2', 'busybox', ['sh', '-c', 'yes | head -c 2000000 > /cache/fill; sleep 3600']);
    await apply({
      ...filler,
      spec: { ...filler.spec, volumes: [{ name: 'cache', emptyDir: { sizeLimit: '1Mi' } }], containers: [{ ...filler.spec.containers[0], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }] },
    });
    await waitFor(async () => (await jsonpath('pod/cache-filler', '{.status.reason}')) === 'Evicted', 'the eviction', 30_000, 100);
    expect(await jsonpath('pod/cache-filler', '{.status.message}')).toBe('Usage of EmptyDir volume "cache" exceeds the limit "1Mi". ');
  });

  describe('on a small node (1Gi, 256Mi of it the system\'s)', () => {
    const evictedOrder = async () => {
      const events = JSON.parse((await lab.kubectl(['get', 'events', '--field-selector', 'reason=Evicted', '-o', 'json'])).stdout).items as any[];
      return events.filter((e) => e.source?.host === 'small').sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => e.involvedObject.name);
    };

    beforeAll(async () => {
      lab.startProcess('kubelet-agent', ['--node-name', 'small', '--node-index', '9', '--cpu', '2', '--memory', '1Gi']);
      await waitFor(async () => (await jsonpath('node/small', '{.status.conditions[?(@.type=="Ready")].status}')) === 'True', 'the small node Ready', 60_000, 200);
    }, 90_000);

    it('evicts BestEffort, then Burstable over its request, and keeps the pods within their requests, reporting MemoryPressure', async () => {
      await apply(
        stress('guaranteed', 'small', 150, { requests: { memory: '200Mi', cpu: '100m' }, limits: { memory: '200Mi', cpu: '100m' } }),
        stress('burstable', 'small', 250, { requests: { memory: '100Mi' }, limits: { memory: '500Mi' } }),
        stress('besteffort', 'small', 200),
      );
      await waitFor(async () => (await lab.kubectl(['get', 'pods', 'guaranteed', 'burstable', 'besteffort', '--no-headers'])).stdout.match(/Running/g)?.length === 3, 'three pods Running', 30_000, 100);
      expect(await jsonpath('node/small', '{.status.conditions[?(@.type=="MemoryPressure")].status}')).toBe('False');

      await apply(stress('trigger', 'small', 390, { requests: { memory: '400Mi' }, limits: { memory: '400Mi' } }));
      await waitFor(async () => (await evictedOrder()).length >= 2, 'two evictions', 30_000, 100);
      expect(await evictedOrder()).toEqual(['besteffort', 'burstable']);
      for (const name of ['besteffort', 'burstable']) {
        expect(await jsonpath(`pod/${name}`, '{.status.phase} {.status.reason}')).toBe('Failed Evicted');
        expect(await jsonpath(`pod/${name}`, '{.status.message}')).toMatch(
          new RegExp(`^The node was low on resource: memory\\. Threshold quantity: 100Mi, available: -?\\d+(Ki|Mi)\\. Container ${name} was using \\d+(Ki|Mi), request is (0|100Mi), has larger consumption of memory\\. $`),
        );
        expect(await jsonpath(`pod/${name}`, '{.status.conditions[?(@.type=="DisruptionTarget")].reason}')).toBe('TerminationByKubelet');
      }
      expect(await jsonpath('pod/guaranteed', '{.status.phase}')).toBe('Running');
      expect(await jsonpath('pod/trigger', '{.status.phase}')).toBe('Running');
      const why = lab.kubelab(['why', 'pod/besteffort']);
      expect(why.status, why.stderr).toBe(0);
      expect(why.stdout).toMatch(/eviction: memory\.available -?\d+(Ki|Mi) is below the hard threshold 100Mi/);
      expect(why.stdout).toMatch(/1\. default\/besteffort BestEffort, priority 0, uses \d+(Ki|Mi) of no request, over its request — evicted/);

      await waitFor(async () => (await jsonpath('node/small', '{.status.conditions[?(@.type=="MemoryPressure")].reason}')) === 'KubeletHasInsufficientMemory', 'MemoryPressure', 10_000, 100);
      expect(await jsonpath('node/small', '{.status.conditions[?(@.type=="MemoryPressure")].message}')).toBe('kubelet has insufficient memory available');
      await waitFor(async () => (await jsonpath('node/small', '{.spec.taints[*].key}')).includes('node.kubernetes.io/memory-pressure'), 'the memory-pressure taint', 20_000, 100);
      expect(await jsonpath('node/small', '{.spec.taints[?(@.key=="node.kubernetes.io/memory-pressure")].effect}')).toBe('NoSchedule');
      const nodeEvents = await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.kind=Node,involvedObject.name=small,reason=NodeHasInsufficientMemory', '-o', 'jsonpath={.items[*].message}']);
      expect(nodeEvents.stdout).toBe('Node small status is now: NodeHasInsufficientMemory');
    });
  });
});
