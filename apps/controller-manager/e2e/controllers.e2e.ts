import { isAuditEntry } from '@kubelab/api';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface LogEvent {
  seq: number;
  type: string;
  kind: string;
  name: string;
  actor: string;
  cause: number | null;
  object: any;
}

const deployment = (name: string, replicas: number, image: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas, selector: { matchLabels: { app: name } }, ...extra,
    template: { metadata: { labels: { app: name } }, spec: { terminationGracePeriodSeconds: 2, containers: [{ name: 'web', image }] } },
  },
});

describe('the controller-manager with three agents and the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  const apply = async (manifest: string) => {
    const r = await lab.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(r.stderr).toBe('');
  };
  const podsOf = async (selector: string) => {
    const out = (await lab.kubectl(['get', 'pods', '-l', selector, '-o', 'json'])).stdout;
    return JSON.parse(out).items as any[];
  };
  const running = (pods: any[]) => pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  const allRunning = (selector: string, count: number, timeoutMs = 30_000) =>
    waitFor(async () => {
      const pods = running(await podsOf(selector));
      return pods.length === count ? pods : undefined;
    }, `${count} ${selector} pods Running`, timeoutMs);
  const log = async (query: string): Promise<LogEvent[]> =>
    (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?${query}`).then((r) => r.text())).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEvent);

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('runs a Deployment of 3 on 3 nodes, and replaces a deleted pod with a new name and a new UID', async () => {
    await apply(deployment('web', 3, 'nginx:1.14.2'));
    const pods = await allRunning('app=web', 3);
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
    expect(pods[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const victim = pods[0];
    await lab.kubectl(['delete', 'pod', victim.metadata.name, '--wait=false']);
    const after = await waitFor(async () => {
      const now = running(await podsOf('app=web'));
      return now.length === 3 && !now.some((p) => p.metadata.uid === victim.metadata.uid) ? now : undefined;
    }, 'a replacement Running', 30_000);
    const replacement = after.find((p) => !pods.some((o) => o.metadata.uid === p.metadata.uid));
    expect(replacement.metadata.name).not.toBe(victim.metadata.name);
    const created = (await log(`kind=Pod&name=${replacement.metadata.name}`)).find((e) => e.type === 'PodCreated')!;
    expect(created.actor).toBe('replicaset-controller');
    expect(created.cause).toBeGreaterThan(0);
    const rs = (await lab.kubectl(['get', 'rs', '-l', 'app=web', '-o', 'jsonpath={.items[0].status.readyReplicas}'])).stdout;
    await waitFor(async () => (await lab.kubectl(['get', 'rs', '-l', 'app=web', '-o', 'jsonpath={.items[0].status.readyReplicas}'])).stdout === '3', `readyReplicas 3 (was ${rs})`);
    expect((await lab.kubectl(['get', 'deployment', 'web', '--no-headers'])).stdout).toMatch(/^web\s+3\/3\s+3\s+3\s/);
  });

  it('rolls out a new image with never fewer than 3 of 4 pods ready (from the event log), and rolls back', async () => {
    await apply(deployment('roll', 4, 'nginx:1.14.2', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } }));
    await allRunning('app=roll', 4);
    await waitFor(async () => (await lab.kubectl(['get', 'deployment', 'roll', '-o', 'jsonpath={.status.availableReplicas}'])).stdout === '4', '4 available');
    const ready = new Map(running(await podsOf('app=roll')).map((p) => [p.metadata.name as string, true]));
    const since = Number(((await lab.fetch(`${lab.apiUrl}/api/v1/pods`).then((r) => r.json())) as any).metadata.resourceVersion);
    const set = await lab.kubectl(['set', 'image', 'deployment/roll', 'web=nginx:1.25']);
    expect(set.stderr).toBe('');
    const status = await lab.kubectl(['rollout', 'status', 'deployment/roll', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(status.stdout).toContain('deployment "roll" successfully rolled out');
    let fewest = ready.size;
    for (const e of await log(`kind=Pod&since=${since}`)) {
      // A refusal about a pod changes no pod: only the pods' own changes count.
      if (!e.name.startsWith('roll-') || isAuditEntry(e.type)) continue;
      const isReady = e.type !== 'PodDeleted' && !e.object.metadata.deletionTimestamp && (e.object.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      ready.set(e.name, isReady);
      fewest = Math.min(fewest, [...ready.values()].filter(Boolean).length);
    }
    expect(fewest).toBeGreaterThanOrEqual(3);
    const images = async () => (await podsOf('app=roll')).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.containers[0].image);
    expect(await images()).toEqual(Array(4).fill('nginx:1.25'));
    expect((await lab.kubectl(['rollout', 'undo', 'deployment/roll'])).stdout).toContain('deployment.apps/roll rolled back');
    await lab.kubectl(['rollout', 'status', 'deployment/roll', '--timeout=60s'], { timeoutMs: 70_000 });
    await waitFor(async () => {
      const now = await images();
      return now.length === 4 && now.every((i) => i === 'nginx:1.14.2');
    }, 'the old image back on every pod', 30_000);
    const history = (await lab.kubectl(['rollout', 'history', 'deployment/roll'])).stdout;
    expect(history).toMatch(/^2\s/m);
    expect(history).toMatch(/^3\s/m);
  });

  it('deletes what a Deployment owned when it goes, and orphans its pods with --cascade=orphan', async () => {
    await apply(deployment('gone', 2, 'nginx:1.14.2'));
    await allRunning('app=gone', 2);
    await lab.kubectl(['delete', 'deployment', 'gone']);
    await waitFor(async () => (await lab.kubectl(['get', 'rs,pods', '-l', 'app=gone', '--no-headers'])).stdout.trim() === '' || undefined, 'ReplicaSet and pods gone', 30_000);

    await apply(deployment('kept', 2, 'nginx:1.14.2'));
    const pods = await allRunning('app=kept', 2);
    await lab.kubectl(['delete', 'deployment', 'kept', '--cascade=orphan']);
    await waitFor(async () => (await lab.kubectl(['get', 'deployment', 'kept', '--ignore-not-found', '-o', 'name'])).stdout.trim() === '' || undefined, 'deployment gone');
    const rs = await waitFor(async () => {
      const items = JSON.parse((await lab.kubectl(['get', 'rs', '-l', 'app=kept', '-o', 'json'])).stdout).items as any[];
      return items.length === 1 && !items[0].metadata.ownerReferences ? items[0] : undefined;
    }, 'the ReplicaSet orphaned');
    expect(rs.metadata.finalizers ?? []).toEqual([]);
    expect(running(await podsOf('app=kept')).map((p) => p.metadata.uid).sort()).toEqual(pods.map((p) => p.metadata.uid).sort());
  });

  it('completes a Job of 3 with parallelism 2, and fails one whose pods always fail after backoffLimit', async () => {
    await apply(JSON.stringify({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'three' },
      spec: { completions: 3, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo done'] }] } } },
    }));
    await apply(JSON.stringify({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'doomed' },
      spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } },
    }));
    await waitFor(async () => (await lab.kubectl(['get', 'job', 'three', '-o', 'jsonpath={.status.conditions[?(@.type=="Complete")].status}'])).stdout === 'True', 'Job three Complete', 40_000);
    expect((await lab.kubectl(['get', 'job', 'three', '-o', 'jsonpath={.status.succeeded}'])).stdout).toBe('3');
    const created = (await log('kind=Pod')).filter((e) => e.type === 'PodCreated' && e.name.startsWith('three-'));
    expect(created).toHaveLength(3);
    await waitFor(async () => (await lab.kubectl(['get', 'job', 'doomed', '-o', 'jsonpath={.status.conditions[?(@.type=="Failed")].reason}'])).stdout === 'BackoffLimitExceeded', 'Job doomed Failed', 60_000);
    expect((await lab.kubectl(['get', 'job', 'doomed', '-o', 'jsonpath={.status.failed}'])).stdout).toBe('3');
  });

  it('keeps a Service\'s endpoints to the ready pods as readiness comes and goes', async () => {
    await apply([
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'flaky' }, spec: { selector: { app: 'flaky' }, ports: [{ port: 80 }] } }),
      JSON.stringify({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'flaky', labels: { app: 'flaky' } },
        spec: {
          containers: [{
            name: 'c', image: 'busybox', command: ['sh', '-c', 'touch /tmp/ready; sleep 100; rm /tmp/ready; sleep 100; touch /tmp/ready; sleep 3600'],
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
          }],
        },
      }),
    ].join('\n'));
    const states = await waitFor(async () => {
      const seen = (await log('kind=Endpoints&name=flaky')).map((e) => {
        const s = e.object.subsets?.[0] ?? {};
        return s.addresses?.length ? 'ready' : s.notReadyAddresses?.length ? 'not-ready' : 'empty';
      });
      const compact = seen.filter((s, i) => s !== 'empty' && s !== seen[i - 1]);
      return compact.join(',').includes('ready,not-ready,ready') ? compact : undefined;
    }, 'endpoints ready → not ready → ready', 40_000);
    // A new pod is listed not-ready until its first successful probe, as on Kubernetes.
    expect(states.join(',')).toMatch(/^(not-ready,)?ready,not-ready,ready/);
    const described = (await lab.kubectl(['describe', 'service', 'flaky'])).stdout;
    expect(described).toMatch(/Endpoints:\s+10\.244\.\d+\.\d+:80/);
    const slices = (await lab.kubectl(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=flaky', '--no-headers'])).stdout;
    expect(slices).toMatch(/^flaky-\w{5}\s+IPv4\s+80\s+10\.244\.\d+\.\d+\s/);
  });

  it('heals a killed node: NotReady, eviction after the toleration, a replacement elsewhere; the old pod goes when the agent returns', async () => {
    await apply(deployment('heal', 3, 'nginx:1.14.2'));
    const pods = await allRunning('app=heal', 3);
    const lost = pods.find((p) => p.spec.nodeName === 'node-2')!;
    const killedAt = Math.max(...(await log('since=0')).map((e) => e.seq));
    // A chaos drill: the supervisor would restart an agent killed behind its back.
    expect(lab.kubelab(['chaos', 'kill-agent', 'node-2']).status).toBe(0);
    await waitFor(async () => / NotReady /.test((await lab.kubectl(['get', 'node', 'node-2', '--no-headers'])).stdout) || undefined, 'node-2 NotReady', 20_000);
    const replaced = await waitFor(async () => {
      const now = running(await podsOf('app=heal')).filter((p) => p.metadata.uid !== lost.metadata.uid);
      return now.length === 3 ? now : undefined;
    }, 'a replacement Running elsewhere', 40_000);
    expect(replaced.every((p) => p.spec.nodeName !== 'node-2')).toBe(true);
    const old = JSON.parse((await lab.kubectl(['get', 'pod', lost.metadata.name, '-o', 'json'])).stdout);
    expect(old.metadata.deletionTimestamp).toBeTruthy();
    expect((await lab.kubectl(['get', 'pod', lost.metadata.name, '--no-headers'])).stdout).toMatch(/Terminating/);

    const chain = (await log('since=0')).filter((e) =>
      (e.kind === 'Node' && e.name === 'node-2') || (e.kind === 'Pod' && e.name === lost.metadata.name) || (e.type === 'PodCreated' && e.name.startsWith('heal-')));
    const types = chain.map((e) => `${e.type}:${e.actor}`);
    const at = (pattern: RegExp) => types.findIndex((t, i) => pattern.test(t) && chain[i].seq > killedAt);
    expect(at(/^Node(StatusReported|Updated):node-lifecycle-controller$/)).toBeGreaterThanOrEqual(0);
    expect(at(/^PodDeletionRequested:node-lifecycle-controller$/)).toBeGreaterThan(at(/^Node(StatusReported|Updated):node-lifecycle-controller$/));
    expect(at(/^PodCreated:replicaset-controller$/)).toBeGreaterThan(at(/^PodDeletionRequested:node-lifecycle-controller$/));

    const restarted = lab.startProcess('kubelet-agent', ['--node-name', 'node-2']);
    try {
      await waitFor(async () => (await lab.kubectl(['get', 'pod', lost.metadata.name, '--ignore-not-found', '-o', 'name'])).stdout.trim() === '' || undefined, 'the old pod gone', 30_000);
      await waitFor(async () => / Ready /.test((await lab.kubectl(['get', 'node', 'node-2', '--no-headers'])).stdout) || undefined, 'node-2 Ready again', 60_000);
      const taints = (await lab.kubectl(['get', 'node', 'node-2', '-o', 'jsonpath={.spec.taints}'])).stdout;
      expect(taints).not.toContain('unreachable');
    } finally {
      restarted.kill('SIGKILL');
    }
  });
});
