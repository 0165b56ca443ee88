/**
 * `npm run bench -- scale --nodes N --pods P [--rate R] [--database URL] [--time-scale S] [--nodes-per-agent K]`:
 * a whole lab as separate processes (nats-server, api-server, scheduler, controller-manager,
 * and kubelet-agent processes hosting up to K nodes each), then P pods: Deployments of at
 * most 1,000 replicas each, or with --rate R bare pods offered at R per second, as
 * clusterloader2's density test does, all of the pause image. The time scale is 5 unless told:
 * at 20 a node's 40 s grace period is 2 s of real time, which a loaded 2-core machine misses. An independent client lists
 * and watches pods through the Kubernetes API and times each one. Midway, the real kubectl
 * lists every pod in chunks of 500. Prints progress, then as its last line one JSON object:
 *
 * - seconds_to_all_running: from the first create request to the watch seeing the last pod Running;
 *   pods_per_second: pods / that.
 * - startup_p50_ms / startup_p99_ms: the pod startup SLI as Kubernetes measures it, from
 *   metadata.creationTimestamp (whole seconds, so up to 1 s too long) to the watch seeing the pod
 *   Running with every container started; watch_startup_*: from the watch first showing the pod to
 *   it showing it Running, both on this client's clock to the millisecond.
 * - rss_mib_by_component: peak VmRSS (every 0.5 s from /proc) per kind of process, summed over its
 *   processes at one instant, with the largest single process of a kind that has several, and the
 *   lab's total; cpu_seconds_by_component: user + system time each kind used from the first create
 *   to the last Running.
 * - log_bytes_per_pod: growth of the event log's size (SQLite: the database file and its WAL;
 *   PostgreSQL: pg_total_relation_size of its tables) from before the first create to all Running,
 *   divided by the pods: the log of a pod's creation to Running, its controllers' writes included.
 * - replay_seconds: replaying the whole log into a projection (libs/event-store replay) once the lab
 *   is stopped.
 * - kubectl: whether `kubectl get pods -A --chunk-size=500` answered while the pods started, in how
 *   many seconds, and how many pods it listed; its pages, the api-server's p50/p99 per page, and the
 *   seconds kubectl spent on its own client-side rate limit (most of a 100,000-pod list's time).
 * - verify: `kubelab verify` against the lab once every pod is Running: whether the replayed log agreed with the
 *   live objects, what it said first, in how many seconds, and the peak RSS of the api-server and of the CLI meanwhile.
 * - lists_served: the LIST requests the api-server answered, by resource (informers' lists, and their relists after a
 *   gap they could not replay); nats_slow_consumers: the connections nats-server cut off as slow consumers.
 *
 * A run stopped before every pod ran (its timeout, Ctrl-C, a process of the lab gone) prints instead what it measured
 * so far, `"finished": false` first: at 100,000 pods a run takes half an hour, and one that falls behind still says how
 * far it got, how fast, and in how much memory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pacedPosts, quantile } from './http-load.js';
import { keepComponentLogs, natsLogIn, positiveFlag, refuseOverCapacity, startAgent, startApiServer, startControllerManager, startNats, startScheduler, sqliteFileIn, type Started } from './lab-processes.js';
import { kubectlGetPods, kubelabVerify } from './lab-checks.js';
import { logFootprint } from './log-footprint.js';
import { PodWatch } from './pod-watch.js';
import { ProcessSampler } from './process-sampler.js';

const replicasPerDeployment = 1000;
const image = 'registry.k8s.io/pause:3.10';
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Options {
  nodes: number;
  pods: number;
  rate?: number;
  database?: string;
  timeScale: number;
  nodesPerAgent: number;
  timeoutSeconds: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string' }, pods: { type: 'string' }, rate: { type: 'string' }, database: { type: 'string' },
      'time-scale': { type: 'string' }, 'nodes-per-agent': { type: 'string' }, timeout: { type: 'string' },
    },
  });
  const [nodes, pods] = [positiveFlag('nodes', values.nodes, 10), positiveFlag('pods', values.pods, 1000)];
  refuseOverCapacity(nodes, pods);
  return {
    nodes,
    pods,
    rate: values.rate === undefined ? undefined : positiveFlag('rate', values.rate),
    database: values.database,
    timeScale: positiveFlag('time-scale', values['time-scale'], 5),
    nodesPerAgent: positiveFlag('nodes-per-agent', values['nodes-per-agent'], 100),
    timeoutSeconds: positiveFlag('timeout', values.timeout, 1800),
  };
}

const podSpec = { automountServiceAccountToken: false, containers: [{ name: 'pause', image, imagePullPolicy: 'IfNotPresent' }] };

const deploymentBody = (name: string, replicas: number) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } },
});

const podBody = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'scale' } }, spec: podSpec });

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
}

async function createDeployments(apiUrl: string, pods: number): Promise<void> {
  for (let i = 0, left = pods; left > 0; i++, left -= replicasPerDeployment) {
    await post(`${apiUrl}/apis/apps/v1/namespaces/default/deployments`, deploymentBody(`scale-${i}`, Math.min(replicasPerDeployment, left)));
  }
}

function writeKubeconfig(dir: string, apiUrl: string): string {
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'bench',
    clusters: [{ name: 'bench', cluster: { server: apiUrl } }], users: [{ name: 'bench', user: {} }],
    contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }],
  }));
  return file;
}

function within<T>(promise: Promise<T>, seconds: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what()} after ${seconds} s`)), seconds * 1000)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ms = (n: number) => Math.round(n);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Rejects as soon as one of the lab's processes has exited: the run cannot finish then. */
function watchdog(processes: ProcessSampler): { died: Promise<never>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const died = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const gone = processes.kinds().find(([pid]) => !alive(pid));
      if (gone) reject(new Error(`the ${gone[1]} (pid ${gone[0]}) exited during the run`));
    }, 1000);
  });
  return { died, stop: () => clearInterval(timer) };
}

/** The end of each component's stderr that has something to say. */
function componentLogTails(dir: string): string {
  return readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => [f, readFileSync(join(dir, f), 'utf8').trim().split('\n').slice(-15).join('\n')])
    .filter(([, text]) => text).map(([f, text]) => `--- ${f}\n${text}`).join('\n');
}

/** What a run measured while its pods start, for a run stopped before they all ran. */
interface SoFar {
  measured?: () => Record<string, unknown>;
}

async function run(o: Options, dir: string, started: Started[], soFar: SoFar): Promise<Record<string, unknown>> {
  const agents = Math.ceil(o.nodes / o.nodesPerAgent);
  say(`[1/6] nats, api-server (${o.database ? 'database given' : 'SQLite'}), scheduler, controller-manager at time scale ${o.timeScale}`);
  const sampler = new ProcessSampler();
  keepComponentLogs(dir);
  const nats = await startNats(dir);
  started.push(nats);
  sampler.add('nats-server', nats.pid);
  const api = await startApiServer(dir, nats.url, o.database);
  started.push(api);
  sampler.add('api-server', api.pid);
  const scheduler = startScheduler(nats.url, o.timeScale);
  const controllers = startControllerManager(nats.url, o.timeScale);
  started.push(scheduler, controllers);
  sampler.add('scheduler', scheduler.pid);
  sampler.add('controller-manager', controllers.pid);

  say(`[2/6] ${o.nodes} nodes in ${agents} kubelet-agent process${agents > 1 ? 'es' : ''}`);
  for (let a = 0; a < agents; a++) {
    const nodes = Math.min(o.nodesPerAgent, o.nodes - a * o.nodesPerAgent);
    const agent = await startAgent(api.url, nats.url, nodes, { prefix: `a${a + 1}-`, indexBase: a * o.nodesPerAgent + 1, timeScale: o.timeScale });
    started.push(agent);
    sampler.add('kubelet-agent', agent.pid);
  }

  const log = logFootprint(o.database ?? sqliteFileIn(dir));
  const kubeconfig = writeKubeconfig(dir, api.url);
  const watch = new PodWatch(api.url, (name) => name.startsWith('default/scale-'));
  await watch.start();
  const bytesBefore = await log.bytes();

  say(`[3/6] ${o.pods} pods: ${o.rate ? `bare pods offered at ${o.rate}/s` : `${Math.ceil(o.pods / replicasPerDeployment)} Deployment(s) of up to ${replicasPerDeployment} replicas`}`);
  sampler.start();
  const began = Date.now();
  const progress = setInterval(() => say(`      ${watch.running}/${o.pods} Running, ${watch.pods.size} seen, ${((Date.now() - began) / 1000).toFixed(0)} s, lab RSS ${sampler.lastTotalMiB} MiB`), 5000);
  soFar.measured = () => {
    const seconds = (Date.now() - began) / 1000;
    const { rssMiB, cpuSeconds } = sampler.stop();
    return {
      finished: false, nodes: o.nodes, pods: o.pods, agents, time_scale: o.timeScale, database: o.database ? 'postgresql' : 'sqlite',
      seconds: Math.round(seconds), running: watch.running, created: watch.pods.size, running_per_second: Math.round(watch.running / seconds),
      rss_mib_by_component: rssMiB, cpu_seconds_by_component: cpuSeconds, nats_slow_consumers: slowConsumers(dir),
    };
  };
  const kubectlMidway = watch.untilRunning(Math.ceil(o.pods / 2)).then(() => kubectlGetPods(kubeconfig, watch.running));
  const guard = watchdog(sampler);
  try {
    await Promise.race([guard.died, (o.rate ? pacedPosts(`${api.url}/api/v1/namespaces/default/pods`, o.pods, o.rate, (i) => podBody(`scale-${i}`)) : createDeployments(api.url, o.pods))
      .then(() => within(watch.untilRunning(o.pods), o.timeoutSeconds, () => `only ${watch.running}/${o.pods} pods Running`))]);
  } finally {
    clearInterval(progress);
    guard.stop();
  }
  soFar.measured = undefined;
  const allRunning = (Date.now() - began) / 1000;
  const processes = sampler.stop();
  const bytesAfter = await log.bytes();
  const kubectl = await kubectlMidway;
  say(`      all ${o.pods} Running in ${allRunning.toFixed(1)} s; kubectl midway: ${kubectl.answered ? `${kubectl.pods_listed} pods in ${kubectl.seconds.toFixed(1)} s` : 'no answer'}`);
  say('[4/6] kubectl get pods -A --chunk-size=500 with every pod Running');
  const kubectlAfter = await kubectlGetPods(kubeconfig, watch.running);
  watch.stop();
  const lists = await listsServed(api.url);
  say('[5/6] kubelab verify: the replayed log against the live objects');
  const verified = await kubelabVerify(kubeconfig, api.pid);
  say(`      ${verified.said.split('\n')[0]} (${verified.seconds.toFixed(1)} s)`);

  say('[6/6] the lab stopped; replaying the whole log');
  started.reverse().forEach((p) => p.stop());
  started.length = 0;
  await new Promise((r) => setTimeout(r, 2000));
  const replayed = await log.replay();
  await log.close();

  const times = [...watch.pods.values()].filter((t) => t.running !== undefined);
  const sli = times.map((t) => t.running! - t.created);
  const watched = times.map((t) => t.running! - t.seen);
  return {
    nodes: o.nodes, pods: o.pods, agents, time_scale: o.timeScale, mode: o.rate ? `pods offered at ${o.rate}/s` : 'deployments',
    database: o.database ? 'postgresql' : 'sqlite',
    seconds_to_all_running: Math.round(allRunning * 100) / 100,
    pods_per_second: Math.round(o.pods / allRunning),
    startup_p50_ms: ms(quantile(sli, 0.5)), startup_p99_ms: ms(quantile(sli, 0.99)),
    watch_startup_p50_ms: ms(quantile(watched, 0.5)), watch_startup_p99_ms: ms(quantile(watched, 0.99)),
    rss_mib_by_component: processes.rssMiB, cpu_seconds_by_component: processes.cpuSeconds,
    log_bytes_per_pod: Math.round((bytesAfter - bytesBefore) / o.pods),
    log_bytes: bytesAfter,
    replay_seconds: Math.round(replayed.seconds * 100) / 100, replay_events: replayed.seq, replay_objects: replayed.objects,
    kubectl_midway: kubectl, kubectl_after: kubectlAfter, verify: verified,
    lists_served: lists, nats_slow_consumers: slowConsumers(dir),
  };
}

/** LIST requests the api-server answered (its apiserver_request_duration_seconds counts), by resource: informers' lists and relists. */
async function listsServed(apiUrl: string): Promise<Record<string, number>> {
  const text = await fetch(`${apiUrl}/metrics`).then((r) => r.text(), () => '');
  const lists: Record<string, number> = {};
  for (const [, resource, count] of text.matchAll(/^apiserver_request_duration_seconds_count\{[^}]*resource="([^"]+)"[^}]*verb="LIST"[^}]*\} (\d+)$/gm)) {
    lists[resource] = (lists[resource] ?? 0) + Number(count);
  }
  return lists;
}

/** How many times nats-server cut a connection off as a slow consumer (each one's events lost to it). */
function slowConsumers(dir: string): number {
  return (readFileSync(natsLogIn(dir), 'utf8').match(/Slow Consumer/g) ?? []).length;
}

/**
 * Ends the lab of a run that did not finish at once (SIGKILL): asked to stop, an agent whose NATS went in the same
 * instant waited for it for ever, and was left behind by every failed run.
 */
function killLab(started: readonly Started[]): void {
  for (const p of started) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

export async function runScaleBenchmark(argv: string[]): Promise<void> {
  const o = options(argv);
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const started: Started[] = [];
  const soFar: SoFar = {};
  // Interrupted (a run that cannot finish), the lab goes with the bench, after what it measured so far.
  const interrupted = () => {
    if (soFar.measured) say(JSON.stringify(soFar.measured()));
    killLab(started);
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const result = await run(o, dir, started, soFar);
    say(JSON.stringify(result));
  } catch (e) {
    if (soFar.measured) say(JSON.stringify(soFar.measured()));
    process.stderr.write(`${componentLogTails(dir)}\n`);
    killLab(started);
    throw e;
  } finally {
    started.reverse().forEach((p) => p.stop());
    rmSync(dir, { recursive: true, force: true });
  }
}
