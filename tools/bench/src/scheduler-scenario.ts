/**
 * Scenario `scheduler`: 1,000 nodes registered without agents (Node objects only),
 * 10,000 pending pods, then the scheduler starts. Reports pods scheduled per second
 * (first to last PodBound in the event log) and the decision latency under an
 * offered load: a second batch created at 1,000 pods/s while the scheduler runs,
 * measured from PodCreated to PodBound.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followLog, lastSeq } from './event-log.js';
import { closedLoopPosts, pacedPosts, quantile } from './http-load.js';
import { startApiServer, startNats, startScheduler, type Started } from './lab-processes.js';

const nodes = 1000;
const pendingPods = 10_000;
const steadyPods = 5_000;
const steadyRate = 1000;
const say = (line: string) => process.stdout.write(`${line}\n`);

const nodeBody = (i: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'Node', metadata: { name: `bench-node-${i}`, labels: { 'kubernetes.io/hostname': `bench-node-${i}` } },
  status: {
    capacity: { cpu: '32', memory: '128Gi', pods: '110' }, allocatable: { cpu: '32', memory: '128Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
  },
});

const podBody = (name: string) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.14.2', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
});

interface Bindings {
  created: Map<string, number>;
  bound: Map<string, number>;
  done: Promise<void>;
}

/** Follows the log from `since` until `expected` pods named prefix* are bound. */
function followBindings(apiUrl: string, since: number, prefix: string, expected: number): Bindings {
  const created = new Map<string, number>();
  const bound = new Map<string, number>();
  const done = followLog(apiUrl, since, 'kind=Pod', (e) => {
    if (!e.name.startsWith(prefix)) return false;
    if (e.type === 'PodCreated') created.set(e.name, Date.parse(e.time));
    if (e.type === 'PodBound') {
      bound.set(e.name, Date.parse(e.time));
      if (bound.size % 2000 === 0) say(`      ${bound.size}/${expected} bound`);
    }
    return bound.size >= expected;
  });
  return { created, bound, done };
}

function within<T>(promise: Promise<T>, seconds: number, what: () => string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what()} after ${seconds} s`)), seconds * 1000))]);
}


async function measure(api: Started, natsUrl: string, started: Started[]): Promise<void> {
  say(`[2/4] registering ${nodes} nodes (objects only, no agents)`);
  await closedLoopPosts(`${api.url}/api/v1/nodes`, 32, nodes, (i) => nodeBody(i + 1), () => undefined);
  say(`[3/4] ${pendingPods} pending pods, then the scheduler starts`);
  await closedLoopPosts(`${api.url}/api/v1/namespaces/default/pods`, 32, pendingPods, (i) => podBody(`pending-${i}`), (n) => say(`      ${n}/${pendingPods} created`));
  const backlog = followBindings(api.url, await lastSeq(api.url), 'pending-', pendingPods);
  const scheduler = startScheduler(natsUrl);
  started.push(scheduler);
  await within(backlog.done, 180, () => `only ${backlog.bound.size}/${pendingPods} bound`);
  const times = [...backlog.bound.values()];
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  say(`      ${pendingPods} pods bound in ${span.toFixed(2)} s from first to last bind: ${(pendingPods / span).toFixed(0)} pods/s (goal ≥ 1,000; kube-scheduler's CI gate ≈ 270 at 5,000 nodes)`);
  say(`[4/4] ${steadyPods} more pods offered at ${steadyRate}/s while the scheduler runs`);
  const steady = followBindings(api.url, await lastSeq(api.url), 'steady-', steadyPods);
  await pacedPosts(`${api.url}/api/v1/namespaces/default/pods`, steadyPods, steadyRate, (i) => podBody(`steady-${i}`));
  await within(steady.done, 120, () => `only ${steady.bound.size}/${steadyPods} bound`);
  const latencies = [...steady.bound].map(([name, at]) => at - (steady.created.get(name) ?? at));
  say(`      created → bound latency p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms`);
}

export async function runSchedulerBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const started: Started[] = [];
  try {
    say('[1/4] nats and the api-server');
    const nats = await startNats(dir);
    started.push(nats);
    const api = await startApiServer(dir, nats.url);
    started.push(api);
    await measure(api, nats.url, started);
  } finally {
    started.reverse().forEach((p) => p.stop());
    rmSync(dir, { recursive: true, force: true });
  }
}
