/**
 * `npm run bench -- density [--nodes N] [--pods P] [--qps Q] [--time-scale S] [--nodes-per-agent K] [--database URL]`: clusterloader2's
 * density test against the lab as a user starts it. `kubelab up --nodes N` (10 unless told, time
 * scale 5; with --nodes-per-agent, its agents hosting K nodes each) in a fresh data dir; then, as the lab's admin over HTTPS (its CA and admin certificate
 * from DIR/pki), a namespace `density` and P pods (1,000 unless told) of the pause image: Deployments
 * of up to 1,000 replicas, or with --qps bare pods offered at Q per second. A second client, on its
 * own connection, watches the namespace's pods and notes when it first saw each bound to a node
 * and Running; every 2 s, and once more when all are Running, the first client GETs a pod, LISTs
 * the namespace's pods and every pod (500 a page), and each of its calls is timed. Once every pod
 * is Running: the SLOs (@kubelab/api's slo) with a PASS or FAIL each, the rate from the first create to the
 * last Running, and the peak RSS and CPU time of each kind of the lab's processes. Once half the pods
 * run, the real kubectl lists every pod in chunks of 500; once all do, `kubelab verify` checks the
 * replayed log against the live objects. Then the lab is stopped as Ctrl-C stops it, and its event
 * log (DIR/events.sqlite, or the PostgreSQL database given with --database, as `kubelab up
 * --database` takes it) is replayed whole: the log's growth per pod from before the first create to
 * the last Running, and the replay's time, are printed last.
 *
 * APIResponsiveness is judged as clusterloader2's APIResponsivenessPrometheus judges it: on the api-server's
 * apiserver_request_duration_seconds, scraped at /metrics before the first create and after the last read, the
 * difference read with histogram_quantile: every call the lab served meanwhile (the components' bindings, status
 * writes and Events, the bench's own). The bench's own calls, timed by it (its TLS and the transfer of the body
 * included), are printed beside.
 *
 * Where it differs from clusterloader2: a pod is created at its metadata.creationTimestamp (whole
 * seconds, as Kubernetes measures the SLI, so up to 1 s long) but scheduled and Running when the
 * watch saw it; seen_to_run adds the span from the watch's first sight of it, and with --qps
 * sent_to_run the span from the bench sending its create, both in milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  apiResponsiveness, apiResponsivenessFromHistogram, apiTable, histogramIncrease, imagePullTimes, parseHistogram, podStartupLatency, podStartupTable, requestDurationMetric,
  schedulingThroughput, textTable, throughputTable, verdictLines,
  type ApiCallSample, type ApiCallScope, type ApiCallSummary, type ApiCallVerb, type CoreEvent, type HistogramSeries, type Pod, type PodTimeline,
} from '@kubelab/api';
import { tempDir } from '@kubelab/testing';
import { Agent, fetch, request } from 'undici';
import { kubectlGetPods, kubelabVerify, type KubectlRun, type VerifyRun } from './lab-checks.js';
import { nodeFlags, positiveFlag, refuseOverCapacity, root, supervisorEnv } from './lab-processes.js';
import { logFootprint, type LogFootprint } from './log-footprint.js';
import { podFollower, started, type PodsGet } from './pod-watch.js';
import { ProcessSampler, type ProcessReport } from './process-sampler.js';

const kubelab = join(root, 'apps/kubelab/bin/kubelab.mjs');
const namespace = 'density';
const image = 'registry.k8s.io/pause:3.10';
const replicasPerDeployment = 1000;
const readEveryMs = 2000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');

interface Options {
  nodes: number;
  pods: number;
  qps?: number;
  timeScale: number;
  /** `kubelab up --nodes-per-agent`: none, an agent per node. */
  nodesPerAgent?: number;
  /** `kubelab up --database`: an empty PostgreSQL database for the event log; none, DIR/events.sqlite. */
  database?: string;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv, options: { nodes: { type: 'string' }, pods: { type: 'string' }, qps: { type: 'string' }, 'time-scale': { type: 'string' }, 'nodes-per-agent': { type: 'string' }, database: { type: 'string' } },
  });
  const [nodes, pods] = [positiveFlag('nodes', values.nodes, 10), positiveFlag('pods', values.pods, 1000)];
  refuseOverCapacity(nodes, pods);
  return {
    nodes,
    pods,
    qps: values.qps === undefined ? undefined : positiveFlag('qps', values.qps),
    timeScale: positiveFlag('time-scale', values['time-scale'], 5),
    ...(values['nodes-per-agent'] === undefined ? {} : { nodesPerAgent: positiveFlag('nodes-per-agent', values['nodes-per-agent']) }),
    ...(values.database === undefined ? {} : { database: values.database }),
  };
}

// ---------------------------------------------------------------- the lab

interface Lab {
  child: ChildProcess;
  dir: string;
  apiUrl: string;
  /** The api-server's pid, for `kubelab verify`'s report of its memory. */
  apiServerPid: number;
  /** Each of the lab's processes with its kind: the supervisor, the components of lab.json, and their children (the nats-server). */
  processes: [number, string][];
}

const childrenOf = (pid: number): number[] => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
};
const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return 'child';
  }
};

/** `kubelab up` in the foreground on free ports, as startup-scenario runs it, until it prints that it is up. */
async function startLab(dir: string, o: Options): Promise<Lab> {
  const child = spawn(process.execPath, [
    ...nodeFlags, kubelab, 'up', '--data-dir', dir, '--nodes', String(o.nodes), '--time-scale', String(o.timeScale),
    ...(o.nodesPerAgent ? ['--nodes-per-agent', String(o.nodesPerAgent)] : []), ...(o.database ? ['--database', o.database] : []), '--api-port', '0', '--dashboard-port', '0', '--ingress-port', '0', '--ingress-tls-port', '0',
  ], { stdio: ['ignore', 'pipe', 'inherit'], env: supervisorEnv });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  const deadline = Date.now() + 180_000;
  while (!output.includes('kubelab is up.')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGINT');
      const why = child.exitCode === null ? 'in 3 minutes' : `: kubelab up exited with code ${child.exitCode} (what it said is above)`;
      throw new Error(`the lab did not come up${why}\n${output}${logTails(dir)}`.trimEnd());
    }
    await sleep(50);
  }
  const state = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as { apiUrl: string; supervisorPid: number; processes: { name: string; pid: number; thread?: boolean }[] };
  const processes: [number, string][] = [[state.supervisorPid, 'kubelab up']];
  // The nodes' agents, the scheduler, the controller-manager and the dashboard are threads of one process, listed once as thread-host.
  for (const p of state.processes.filter((p) => !p.thread)) processes.push([p.pid, p.name.split('/')[0]], ...childrenOf(p.pid).map((c): [number, string] => [c, commandOf(c)]));
  const apiServer = state.processes.find((p) => p.name === 'api-server');
  if (!apiServer) throw new Error(`lab.json lists no api-server: ${state.processes.map((p) => p.name).join(', ')}`);
  return { child, dir, apiUrl: state.apiUrl, apiServerPid: apiServer.pid, processes };
}

/** A process's command line, NUL-separated; empty once it is gone (or a zombie). */
const commandLineOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/** Ctrl-C to `kubelab up`, which stops every process it started; any the lab left behind (its data dir on their command line) is killed, and said. */
async function stopLab(lab: Lab): Promise<void> {
  if (lab.child.exitCode === null) {
    const exited = new Promise((resolve) => lab.child.once('exit', resolve));
    lab.child.kill('SIGINT');
    await Promise.race([exited, sleep(30_000)]);
  }
  for (const [pid, kind] of lab.processes.filter(([pid]) => commandLineOf(pid).includes(lab.dir))) {
    say(`bench: the ${kind} (pid ${pid}) outlived the lab; killing it`);
    process.kill(pid, 'SIGKILL');
  }
}

/** The end of each of the lab's logs that has something to say, for a run that failed. */
function logTails(dir: string): string {
  const logs = join(dir, 'logs');
  if (!existsSync(logs)) return '';
  return readdirSync(logs).filter((f) => f.endsWith('.log')).map((f) => [f, readFileSync(join(logs, f), 'utf8').trim().split('\n').slice(-10).join('\n')])
    .filter(([, text]) => text).map(([f, text]) => `--- ${f}\n${text}`).join('\n');
}

// ---------------------------------------------------------------- the admin's client, every call timed

interface PodList {
  metadata: { resourceVersion: string; continue?: string };
  items: Pod[];
}

/** TLS as the lab's admin: its CA, admin.crt and admin.key from DIR/pki, on connections of its own. */
function adminAgent(dir: string, watch = false): Agent {
  const pki = (file: string) => readFileSync(join(dir, 'pki', file), 'utf8');
  return new Agent({ connect: { ca: pki('ca.crt'), cert: pki('admin.crt'), key: pki('admin.key') }, ...(watch ? { bodyTimeout: 0 } : {}) });
}

class TimedClient {
  readonly samples: ApiCallSample[] = [];

  constructor(private readonly apiUrl: string, private readonly dispatcher: Agent) {}

  /** An untimed GET /version, so the first timed call does not pay for the connection's TLS handshake alone. */
  async connect(): Promise<void> {
    await (await fetch(`${this.apiUrl}/version`, { dispatcher: this.dispatcher })).text();
  }

  /** One call, timed from sending it to the last byte of the answer; its status and parsed body. */
  async call(verb: ApiCallVerb, resource: string, scope: ApiCallScope, path: string, body?: object): Promise<{ status: number; body: unknown }> {
    const began = performance.now();
    const res = await request(`${this.apiUrl}${path}`, {
      method: verb === 'LIST' ? 'GET' : verb, dispatcher: this.dispatcher,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await res.body.text();
    this.samples.push({ verb, resource, scope, ms: performance.now() - began });
    return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
  }

  /** The same, refusing an answer that is not a success. */
  async must<T>(verb: ApiCallVerb, resource: string, scope: ApiCallScope, path: string, body?: object): Promise<T> {
    const answer = await this.call(verb, resource, scope, path, body);
    if (answer.status >= 300) throw new Error(`${verb} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as T;
  }

  /** The api-server's request durations as its /metrics has them now (an untimed call). */
  async requestDurations(): Promise<HistogramSeries[]> {
    const res = await fetch(`${this.apiUrl}/metrics`, { dispatcher: this.dispatcher });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET /metrics: ${res.status} ${text.trim()}`);
    return parseHistogram(text, requestDurationMetric);
  }

  /** The namespace's Pulled Events (untimed calls, 500 a page), for the time each pod spent pulling its image. */
  async pulledEvents(): Promise<CoreEvent[]> {
    const events: CoreEvent[] = [];
    let next: string | undefined;
    do {
      const res = await fetch(`${this.apiUrl}/api/v1/namespaces/${namespace}/events?fieldSelector=reason%3DPulled&limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`, { dispatcher: this.dispatcher });
      if (!res.ok) throw new Error(`LIST the Pulled Events: ${res.status} ${(await res.text()).trim()}`);
      const page = (await res.json()) as { items: CoreEvent[]; metadata: { continue?: string } };
      events.push(...page.items);
      next = page.metadata.continue || undefined;
    } while (next);
    return events;
  }

  /** A LIST page by page, 500 pods a page, each page a call. */
  async listPods(scope: 'namespace' | 'cluster'): Promise<void> {
    const path = scope === 'cluster' ? '/api/v1/pods' : `/api/v1/namespaces/${namespace}/pods`;
    let next: string | undefined;
    do {
      const page = await this.must<PodList>('LIST', 'pods', scope, `${path}?limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
      next = page.metadata.continue;
    } while (next);
  }
}

// ---------------------------------------------------------------- the watching client

/** The namespace's pods, listed then watched (relisting on 410 Gone): per pod its creationTimestamp and when this client first saw it bound and Running. */
class DensityWatch {
  readonly pods = new Map<string, PodTimeline>();
  /** The same timelines by pod UID, as the kubelets' Events name their pods. */
  readonly byUid = new Map<string, PodTimeline>();
  /** When the bench sent each bare pod's create (--qps), by name, on the watch's clock. */
  readonly sent = new Map<string, number>();
  scheduled = 0;
  running = 0;
  private readonly controller = new AbortController();

  constructor(private readonly apiUrl: string, private readonly dispatcher: Agent) {}

  async start(): Promise<void> {
    const get: PodsGet = (query) => fetch(`${this.apiUrl}/api/v1/namespaces/${namespace}/pods?${query}`, { dispatcher: this.dispatcher, signal: this.controller.signal });
    const pods = podFollower(get, (pod, now) => this.observe(pod, now), this.controller.signal);
    void pods.follow(await pods.list());
  }

  stop(): void {
    this.controller.abort();
  }

  private observe(pod: Pod, now: number): void {
    let times = this.pods.get(pod.metadata.name!);
    if (!times) {
      const sent = this.sent.get(pod.metadata.name!);
      times = { created: Date.parse(pod.metadata.creationTimestamp!), seen: now, ...(sent === undefined ? {} : { sent }) };
      this.pods.set(pod.metadata.name!, times);
      this.byUid.set(pod.metadata.uid!, times);
    }
    if (times.scheduled === undefined && pod.spec?.nodeName) {
      times.scheduled = now;
      this.scheduled++;
    }
    if (times.running === undefined && started(pod)) {
      times.running = now;
      this.running++;
    }
  }
}

// ---------------------------------------------------------------- the load

const podSpec = { automountServiceAccountToken: false, containers: [{ name: 'pause', image, imagePullPolicy: 'IfNotPresent' }] };

async function createNamespace(client: TimedClient): Promise<void> {
  await client.must('POST', 'namespaces', 'cluster', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  // Pods are admitted only once the namespace's default ServiceAccount exists.
  for (let deadline = Date.now() + 30_000; (await client.call('GET', 'serviceaccounts', 'resource', `/api/v1/namespaces/${namespace}/serviceaccounts/default`)).status !== 200;) {
    if (Date.now() > deadline) throw new Error(`no ServiceAccount default in namespace ${namespace} after 30 s`);
    await sleep(100);
  }
}

async function createDeployments(client: TimedClient, pods: number): Promise<void> {
  for (let i = 0, left = pods; left > 0; i++, left -= replicasPerDeployment) {
    const name = `density-${i}`;
    await client.must('POST', 'deployments', 'namespace', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: { replicas: Math.min(replicasPerDeployment, left), selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } },
    });
  }
}

/** Bare pods offered at `qps`, open loop (each sent on time, whatever the last answered), up to 64 unanswered at once. */
async function createPodsAt(client: TimedClient, watch: DensityWatch, pods: number, qps: number): Promise<void> {
  const began = performance.now();
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  for (let i = 0; i < pods && !failure; i++) {
    const wait = began + (i * 1000) / qps - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight.size >= 64) await Promise.race(inFlight);
    const name = `density-${i}`;
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'density' } }, spec: podSpec };
    watch.sent.set(name, Date.now());
    const post: Promise<void> = client.must('POST', 'pods', 'namespace', `/api/v1/namespaces/${namespace}/pods`, body)
      .then(() => undefined, (e: Error) => void (failure ??= e)).finally(() => inFlight.delete(post));
    inFlight.add(post);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
}

async function readRound(client: TimedClient, watch: DensityWatch): Promise<void> {
  const name = watch.pods.keys().next().value;
  if (name) await client.must('GET', 'pods', 'resource', `/api/v1/namespaces/${namespace}/pods/${name}`);
  await client.listPods('namespace');
  await client.listPods('cluster');
}

/** From now, a round of reads (a pod, the namespace's pods, every pod) every few seconds; stopping waits for one last round. */
function readPeriodically(client: TimedClient, watch: DensityWatch): () => Promise<void> {
  let stopped = false;
  let pause: { timer?: NodeJS.Timeout; end: () => void } = { end: () => undefined };
  const loop = (async () => {
    for (;;) {
      await readRound(client, watch).catch((e: Error) => void say(`      a read failed: ${e.message}`));
      if (stopped) return;
      await new Promise<void>((end) => (pause = { timer: setTimeout(end, readEveryMs), end }));
    }
  })();
  return () => {
    stopped = true;
    clearTimeout(pause.timer);
    pause.end();
    return loop;
  };
}

// ---------------------------------------------------------------- the run

interface Measured {
  seconds: number;
  allRunning: boolean;
  pods: PodTimeline[];
  samples: ApiCallSample[];
  /** Every call the api-server served from the first create to the last read, by its own histogram. */
  served: ApiCallSummary[];
  processes: ProcessReport;
  /** The CPU this process, the independent client, used over the same time: it shares the lab's cores. */
  clientCpuSeconds: number;
  /** The event log's growth from before the first create to the last Running. */
  logBytes: number;
  /** kubectl's list of every pod once half of them ran; none if they never did. */
  kubectlMidway?: KubectlRun;
  /** `kubelab verify` once every pod ran; none if they did not. */
  verified?: VerifyRun;
}

/** Once half the pods run, the real kubectl lists them all; none if the run ends first. */
async function kubectlHalfway(lab: Lab, watch: DensityWatch, pods: number, ended: () => boolean): Promise<KubectlRun | undefined> {
  while (watch.running < Math.ceil(pods / 2)) {
    if (ended()) return undefined;
    await sleep(100);
  }
  return kubectlGetPods(join(lab.dir, 'kubeconfig'), watch.running);
}

/** A run that saw no pod turn Running for this long has stalled: it ends, and what it measured is reported. */
const stalledAfterMs = 300_000;

/** A read after the run, which may find the api-server no longer answering: said, and `none` in its place, so what was measured still prints. */
async function readAfterRun<T>(what: string, read: () => Promise<T>, none: T): Promise<T> {
  try {
    return await read();
  } catch (e) {
    say(`      ${what} could not be read: ${(e as Error).message}`);
    return none;
  }
}

async function measure(lab: Lab, o: Options, log: LogFootprint): Promise<Measured> {
  const client = new TimedClient(lab.apiUrl, adminAgent(lab.dir));
  const watch = new DensityWatch(lab.apiUrl, adminAgent(lab.dir, true));
  say(`[2/4] namespace ${namespace}, a watch on its pods`);
  await client.connect();
  await createNamespace(client);
  await watch.start();
  const sampler = new ProcessSampler();
  for (const [pid, kind] of lab.processes) sampler.add(kind, pid);

  say(`[3/4] ${o.pods} pods of ${image}: ${o.qps ? `bare pods offered at ${o.qps}/s` : `${Math.ceil(o.pods / replicasPerDeployment)} Deployment(s) of up to ${replicasPerDeployment} replicas`}`);
  const durationsBefore = await client.requestDurations();
  const bytesBefore = await log.bytes();
  sampler.start();
  const clientCpuAtStart = process.cpuUsage();
  const stopReads = readPeriodically(client, watch);
  const began = Date.now();
  const progress = setInterval(() => say(`      ${watch.running}/${o.pods} Running, ${watch.scheduled} scheduled, ${watch.pods.size} created, ${((Date.now() - began) / 1000).toFixed(0)} s, lab RSS ${sampler.lastTotalMiB} MiB`), 5000);
  const timeoutSeconds = Math.round(120 + o.pods * 0.3 + (o.qps ? o.pods / o.qps : 0));
  let processes: ProcessReport;
  let clientCpu = { user: 0, system: 0 };
  let ended = false;
  const kubectlMidway = kubectlHalfway(lab, watch, o.pods, () => ended);
  try {
    await (o.qps ? createPodsAt(client, watch, o.pods, o.qps) : createDeployments(client, o.pods));
    let progressed = { running: watch.running, at: Date.now() };
    for (const deadline = began + timeoutSeconds * 1000; watch.running < o.pods && Date.now() < deadline;) {
      if (lab.child.exitCode !== null) throw new Error(`kubelab up exited (${lab.child.exitCode}) during the run`);
      if (watch.running !== progressed.running) progressed = { running: watch.running, at: Date.now() };
      if (Date.now() - progressed.at > stalledAfterMs) {
        say(`      no pod turned Running for ${stalledAfterMs / 1000} s: the run ends at ${watch.running}/${o.pods}`);
        break;
      }
      await sleep(100);
    }
  } finally {
    ended = true;
    clearInterval(progress);
    processes = sampler.stop();
    clientCpu = process.cpuUsage(clientCpuAtStart);
    await stopReads();
    watch.stop();
  }
  const logBytes = (await log.bytes()) - bytesBefore;
  const served = apiResponsivenessFromHistogram(histogramIncrease(await readAfterRun("the api-server's request durations", () => client.requestDurations(), []), durationsBefore));
  for (const [uid, ms] of imagePullTimes(await readAfterRun('the Pulled Events', () => client.pulledEvents(), []), o.timeScale)) {
    const times = watch.byUid.get(uid);
    if (times) times.pullMs = ms;
  }
  const pods = [...watch.pods.values()];
  const lastRunning = pods.reduce((last, p) => Math.max(last, p.running ?? 0), began);
  const allRunning = watch.running >= o.pods;
  say(allRunning ? '      every pod Running; kubelab verify: the replayed log against the live objects' : '      not every pod Running: no kubelab verify');
  return {
    seconds: (lastRunning - began) / 1000, allRunning, pods, samples: client.samples, served, processes, clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6, logBytes,
    kubectlMidway: await kubectlMidway, ...(allRunning ? { verified: await kubelabVerify(join(lab.dir, 'kubeconfig'), lab.apiServerPid) } : {}),
  };
}

function processTable(r: ProcessReport): string {
  const cpuTotal = Object.values(r.cpuSeconds).reduce((a, b) => a + b, 0);
  const rows = Object.entries(r.rssMiB).map(([kind, mib]) => [kind, `${mib.toFixed(1)} MiB`, kind === 'total' ? `${cpuTotal.toFixed(1)} s` : r.cpuSeconds[kind] === undefined ? '' : `${r.cpuSeconds[kind].toFixed(1)} s`]);
  return textTable(['process', 'peak RSS', 'CPU'], rows);
}

function report(o: Options, m: Measured): void {
  const running = m.pods.filter((p) => p.running !== undefined).length;
  const podsStartup = podStartupLatency(m.pods);
  const calls = apiResponsiveness(m.samples);
  say('');
  say(`density: ${o.nodes} nodes${o.nodesPerAgent ? ` (${o.nodesPerAgent} per agent)` : ''}, ${o.pods} pods (${o.qps ? `bare pods offered at ${o.qps}/s` : 'Deployments'}), time scale ${o.timeScale}`);
  say(`  ${running}/${o.pods} Running ${m.allRunning ? 'in' : 'by the deadline,'} ${m.seconds.toFixed(1)} s from the first create: ${(running / Math.max(m.seconds, 0.001)).toFixed(1)} pods/s created → Running`);
  say(`\nPodStartupLatency (created: metadata.creationTimestamp; seen, scheduled, Running: when the watch saw it${o.qps ? '; sent: when the bench sent the create' : ''}; image pulls: as the kubelets' Pulled Events say)`);
  say(indent(podStartupTable(podsStartup)));
  say(`\nAPIResponsiveness (the api-server's ${requestDurationMetric} from the first create to the last read: every caller, p50/p90/p99 as histogram_quantile estimates them)`);
  say(indent(apiTable(m.served)));
  say('\nthe bench\'s own calls, timed by it (TLS and the whole body included)');
  say(indent(apiTable(calls)));
  say('\nSchedulingThroughput (pods the watch saw bound, per 5 s window from the first; no threshold)');
  const throughput = schedulingThroughput(m.pods.flatMap((p) => (p.scheduled === undefined ? [] : [p.scheduled])));
  say(indent(throughputTable(throughput)));
  say('\nthe lab\'s processes from the first create to the last Running (RSS: peak of each kind, its processes summed at one instant)');
  say(indent(processTable(m.processes)));
  say(`  and beside them the bench itself (the creates, the watch, the periodic reads): ${m.clientCpuSeconds.toFixed(1)} s of CPU on the same cores`);
  say('\nSLOs');
  say(indent(verdictLines(podsStartup, m.served, throughput)));
  say('\nwhat a user asks meanwhile');
  const k = m.kubectlMidway;
  say(`  kubectl get pods -A --chunk-size=500 midway: ${!k ? 'not asked (half the pods never ran)' : k.answered
    ? `${k.pods_listed} pods in ${k.seconds.toFixed(1)} s (${k.running_when_asked} Running when asked), ${k.pages} pages, the api-server's p50/p99 per page ${k.page_p50_ms}/${k.page_p99_ms} ms, ${k.throttled_seconds} s on kubectl's own rate limit`
    : `no answer in ${k.seconds.toFixed(1)} s`}`);
  const v = m.verified;
  if (v) say(`  kubelab verify: ${v.agreed ? 'agreed' : 'DISAGREED'} in ${v.seconds.toFixed(1)} s (api-server peak ${v.api_server_peak_rss_mib.toFixed(0)} MiB, the CLI ${v.cli_peak_rss_mib.toFixed(0)} MiB): ${v.said.split('\n')[0]}`);
}

/** The lab stopped, its whole log replayed: the log's growth per pod, its size, and the replay's time. */
async function reportLog(o: Options, log: LogFootprint, grown: number): Promise<void> {
  const replayed = await log.replay();
  say(`\nthe event log (${o.database ? 'PostgreSQL' : 'SQLite'}): ${Math.round(grown / o.pods)} bytes per pod from the first create to the last Running, ${((await log.bytes()) / 2 ** 20).toFixed(1)} MiB in all; replayed whole in ${replayed.seconds.toFixed(1)} s (${replayed.seq} events, ${replayed.objects} objects)`);
}

export async function runDensityBenchmark(argv: string[]): Promise<void> {
  const o = options(argv);
  const dir = tempDir('bench-density');
  say(`[1/4] kubelab up --nodes ${o.nodes}${o.nodesPerAgent ? ` --nodes-per-agent ${o.nodesPerAgent}` : ''} --time-scale ${o.timeScale} in ${dir}`);
  const upAt = Date.now();
  const lab = await startLab(dir, o);
  const log = logFootprint(o.database ?? join(dir, 'events.sqlite'));
  say(`      up in ${((Date.now() - upAt) / 1000).toFixed(1)} s: ${lab.processes.length} processes, API at ${lab.apiUrl}`);
  // Interrupted, the lab goes with the bench.
  const interrupted = () => void stopLab(lab).finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const m = await measure(lab, o, log);
    report(o, m);
    say('[4/4] stopping the lab, replaying its log');
    await stopLab(lab);
    await reportLog(o, log, m.logBytes);
    if (!m.allRunning) throw new Error(`only ${m.pods.filter((p) => p.running !== undefined).length}/${o.pods} pods Running by the deadline`);
    if (m.verified && !m.verified.agreed) throw new Error(`kubelab verify found the replayed log and the live objects differ:\n${m.verified.said}`);
  } catch (e) {
    process.stderr.write(`${logTails(dir)}\n`);
    throw e;
  } finally {
    await stopLab(lab);
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
