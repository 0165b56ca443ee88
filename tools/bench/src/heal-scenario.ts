/**
 * Scenario `heal`: 100 nodes in three agent processes, a Deployment of 3,000
 * replicas; the agent hosting a third of them is killed (SIGKILL). Reports the time
 * from the kill to every replacement Running, split by what the event log shows:
 * detection (the node's Ready turns Unknown), eviction (the last pod deleted by the
 * taint manager), recreation (the last replacement created), scheduling (bound) and
 * start (Running), next to the theoretical minimum: node-monitor-grace-period +
 * the default 300 s unreachable toleration, both scaled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from '@kubelab/api';
import { followLog, lastSeq, readLog, type LogEntry } from './event-log.js';
import { startAgent, startApiServer, startControllerManager, startNats, startScheduler, type Started } from './lab-processes.js';

const timeScale = 20;
const gracePeriodSeconds = 50;
const tolerationSeconds = 300;
const replicas = 3000;
const agents = [{ prefix: 'a-', nodes: 34, indexBase: 1 }, { prefix: 'b-', nodes: 33, indexBase: 35 }, { prefix: 'c-', nodes: 33, indexBase: 68 }];
const say = (line: string) => process.stdout.write(`${line}\n`);

const deployment = JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'heal' },
  spec: {
    replicas, selector: { matchLabels: { app: 'heal' } },
    template: { metadata: { labels: { app: 'heal' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent' }] } },
  },
});

async function pods(apiUrl: string): Promise<Pod[]> {
  return ((await fetch(`${apiUrl}/api/v1/namespaces/default/pods?labelSelector=app%3Dheal`).then((r) => r.json())) as { items: Pod[] }).items;
}

async function untilRunning(apiUrl: string, wanted: number, timeoutMs: number): Promise<Pod[]> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const running = (await pods(apiUrl)).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    if (running.length >= wanted) return running;
    if (Date.now() > deadline) throw new Error(`only ${running.length}/${wanted} pods Running after ${timeoutMs / 1000} s`);
    if (Math.floor(running.length / 500) !== Math.floor(last / 500)) say(`      ${running.length}/${wanted} Running`);
    last = running.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(2)} s`;
const lastTime = (entries: LogEntry[]) => Math.max(...entries.map((e) => Date.parse(e.time)));

async function measure(api: Started, hosts: Started[]): Promise<void> {
  say(`[3/4] a Deployment of ${replicas} replicas`);
  await fetch(`${api.url}/apis/apps/v1/namespaces/default/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deployment });
  const before = await untilRunning(api.url, replicas, 300_000);
  const victim = agents[0];
  const lost = before.filter((p) => p.spec!.nodeName!.startsWith(victim.prefix));
  say(`[4/4] kill -9 of the agent hosting ${victim.prefix}1…${victim.prefix}${victim.nodes} (${lost.length} pods)`);
  const since = await lastSeq(api.url);
  const replacements = new Set<string>();
  const running = new Map<string, number>();
  const healed = followLog(api.url, since, 'kind=Pod', (e) => {
    if (e.type === 'PodCreated') replacements.add(e.name);
    else if (replacements.has(e.name) && (e.object as Pod).status?.phase === 'Running' && !running.has(e.name)) {
      running.set(e.name, Date.parse(e.time));
      if (running.size % 250 === 0) say(`      ${running.size}/${lost.length} replacements Running`);
    }
    return running.size >= lost.length;
  });
  const killedAt = Date.now();
  process.kill(hosts[0].pid, 'SIGKILL');
  await Promise.race([healed, new Promise((_, reject) => setTimeout(() => reject(new Error(`${running.size}/${lost.length} replacements Running after 120 s`)), 120_000))]);
  const healedAt = Math.max(...running.values());

  const podLog = await readLog(api.url, since, 'kind=Pod');
  const nodeLog = await readLog(api.url, since, 'kind=Node');
  const unknown = nodeLog.filter((e) => e.name.startsWith(victim.prefix) && e.actor === 'node-lifecycle-controller'
    && ((e.object as Node).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'Unknown'));
  const detected = Math.min(...unknown.map((e) => Date.parse(e.time)));
  const evictions = podLog.filter((e) => e.type === 'PodDeletionRequested' && e.actor === 'node-lifecycle-controller');
  const evicted = lastTime(evictions);
  const taintTimes = nodeLog.filter((e) => e.name.startsWith(victim.prefix)).flatMap((e) => ((e.object as Node).spec?.taints ?? [])
    .filter((t) => t.effect === 'NoExecute' && t.timeAdded).map((t) => Date.parse(t.timeAdded!)));
  const created = lastTime(podLog.filter((e) => e.type === 'PodCreated'));
  const bound = lastTime(podLog.filter((e) => e.type === 'PodBound' && replacements.has(e.name)));
  const minimum = ((gracePeriodSeconds + tolerationSeconds) / timeScale) * 1000;
  say(`      detection  ${seconds(killedAt, detected)}  (kill → first of its nodes Ready Unknown; grace period ${gracePeriodSeconds / timeScale} s after the last renewal)`);
  say(`      (its nodes tainted ${seconds(killedAt, Math.min(...taintTimes))} to ${seconds(killedAt, Math.max(...taintTimes))} after the kill; pods evicted from ${seconds(killedAt, Math.min(...evictions.map((e) => Date.parse(e.time))))})`);
  say(`      eviction   ${seconds(detected, evicted)}  (→ last pod deleted by the taint manager; toleration ${tolerationSeconds / timeScale} s)`);
  say(`      recreation ${seconds(evicted, created)}  (→ last replacement created)`);
  say(`      scheduling ${seconds(created, bound)}  (→ last replacement bound)`);
  say(`      start      ${seconds(bound, healedAt)}  (→ last replacement Running)`);
  say(`      total      ${seconds(killedAt, healedAt)} for ${lost.length} pods; theoretical minimum ${(minimum / 1000).toFixed(2)} s; overhead ${(((healedAt - killedAt) - minimum) / 1000).toFixed(2)} s (goal ≤ 1 s)`);
}

export async function runHealBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const started: Started[] = [];
  try {
    say(`[1/4] nats, api-server, scheduler and controller-manager at time scale ${timeScale}`);
    const nats = await startNats(dir);
    started.push(nats);
    const api = await startApiServer(dir, nats.url);
    started.push(api);
    started.push(startScheduler(nats.url, timeScale), startControllerManager(nats.url, timeScale));
    say(`[2/4] ${agents.reduce((n, a) => n + a.nodes, 0)} nodes in ${agents.length} agent processes`);
    const hosts: Started[] = [];
    for (const a of agents) hosts.push(await startAgent(api.url, nats.url, a.nodes, { ...a, timeScale }));
    started.push(...hosts);
    await measure(api, hosts);
  } finally {
    started.reverse().forEach((p) => p.stop());
    rmSync(dir, { recursive: true, force: true });
  }
}
