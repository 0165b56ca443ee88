/**
 * Scenario `agent`: one agent process hosting 100 nodes runs 3,000 pods created with
 * spec.nodeName set. Reports time until all are Running, pod startup latency (creation
 * to Running, the Kubernetes SLI) and the agent's memory and CPU, while the pods start
 * and then while they just run (a metrics resolution of 15 s), twice: with the nodes'
 * resource accounting (metrics, node-pressure eviction) and without it (--no-usage).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '@kubelab/api';
import { closedLoopPosts, quantile } from './http-load.js';
import { followLog, lastSeq } from './event-log.js';
import { startAgent, startApiServer, startNats, type Started } from './lab-processes.js';

const nodes = 100;
const pods = 3000;
/** Seconds of steady running measured after the start: one metrics resolution at time scale 1. */
const steadySeconds = 15;
const say = (line: string) => process.stdout.write(`${line}\n`);

const podBody = (name: string, node: string) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' } },
  // No controller-manager runs here to make the namespace's ServiceAccount, so no token is mounted: the bench measures the agent.
  spec: { nodeName: node, automountServiceAccountToken: false, containers: [{ name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80 }] }] },
});

function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Follows the event log and resolves when `expected` pods named prefix* are Running. */
function watchRunning(apiUrl: string, since: number, prefix: string, expected: number, onProgress: (n: number) => void) {
  const created = new Map<string, number>();
  const running = new Map<string, number>();
  const done = followLog(apiUrl, since, 'kind=Pod', (e) => {
    if (!e.name.startsWith(prefix)) return false;
    if (e.type === 'PodCreated') created.set(e.name, Date.parse(e.time));
    else if ((e.object as Pod).status?.phase === 'Running' && !running.has(e.name)) {
      running.set(e.name, Date.parse(e.time));
      if (running.size % 500 === 0) onProgress(running.size);
    }
    return running.size >= expected;
  });
  return { created, running, done };
}

async function measure(api: Started, agent: Started): Promise<void> {
  say(`[2/4] warm-up: one nginx pod per node, so the 3,000 pods need no pull`);
  let watch = watchRunning(api.url, await lastSeq(api.url), 'warm-', nodes, () => undefined);
  await closedLoopPosts(`${api.url}/api/v1/namespaces/default/pods`, 32, nodes, (i) => podBody(`warm-${i}`, `sim-${i + 1}`), () => undefined);
  await watch.done;
  const rssBefore = rssKiB(agent.pid);
  const cpuBefore = cpuSeconds(agent.pid);
  say(`[3/4] ${pods} pods over ${nodes} nodes, 32 concurrent clients`);
  watch = watchRunning(api.url, await lastSeq(api.url), 'bench-', pods, (n) => say(`      ${n}/${pods} Running`));
  const began = Date.now();
  await closedLoopPosts(`${api.url}/api/v1/namespaces/default/pods`, 32, pods, (i) => podBody(`bench-${i}`, `sim-${(i % nodes) + 1}`), () => undefined);
  await Promise.race([watch.done, new Promise((_, reject) => setTimeout(() => reject(new Error(`not all pods Running after 120 s (${watch.running.size}/${pods})`)), 120_000))]);
  const allRunning = (Date.now() - began) / 1000;
  const latencies = [...watch.running].map(([name, at]) => at - (watch.created.get(name) ?? at));
  const rssAfter = rssKiB(agent.pid);
  const perPodKiB = (rssAfter - rssBefore) / pods;
  say(`      all Running in ${allRunning.toFixed(1)} s (goal ≤ 10 s)`);
  say(`      startup latency p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms (goal p99 ≤ 1000 ms)`);
  say(`      agent RSS ${(rssAfter / 1024).toFixed(0)} MiB, ${perPodKiB.toFixed(1)} KiB per pod (goal ≤ 20 KB), CPU ${(cpuSeconds(agent.pid) - cpuBefore).toFixed(1)} s during the run`);
  say(`[4/4] ${steadySeconds} s of the ${pods + nodes} pods running`);
  const cpuSteady = cpuSeconds(agent.pid);
  await new Promise((resolve) => setTimeout(resolve, steadySeconds * 1000));
  say(`      agent RSS ${(rssKiB(agent.pid) / 1024).toFixed(0)} MiB, CPU ${(((cpuSeconds(agent.pid) - cpuSteady) / steadySeconds) * 100).toFixed(1)}% of a core`);
}

/** One run on a fresh lab: the agent accounting resource use or not. */
async function run(usage: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const started: Started[] = [];
  try {
    say(`[1/4] nats, api-server and one agent with ${nodes} nodes, resource accounting ${usage ? 'on' : 'off (--no-usage)'}`);
    const nats = await startNats(dir);
    started.push(nats);
    const api = await startApiServer(dir, nats.url);
    started.push(api);
    const agent = await startAgent(api.url, nats.url, nodes, { usage });
    started.push(agent);
    await measure(api, agent);
  } finally {
    started.reverse().forEach((p) => p.stop());
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runAgentBenchmark(): Promise<void> {
  await run(true);
  await run(false);
}
