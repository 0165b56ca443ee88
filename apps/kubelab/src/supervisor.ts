/**
 * `kubelab up` in the foreground: starts each component as its own process, waits
 * for each to answer (a progress line per service), writes the kubeconfig, serves
 * the control API for chaos drills, restarts a process that exits on its own (with
 * back-off), and on Ctrl-C, SIGTERM or a closed terminal stops everything in reverse
 * order. Each child holds an IPC channel to it and stops itself when the channel
 * closes, so even a supervisor killed outright leaves no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { constants as osConstants, hostname } from 'node:os';
import { maskDatabase } from '@kubelab/event-store';
import { join } from 'node:path';
import { bucketReplicas, labSecretFile, natsServers, readLeader, readOrCreateSecret, subjects, type ListeningMessage, type PodChaosRequest, type StaticPodStart, type StaticPodStarts } from '@kubelab/bus';
import { acquiredLeaseLine, CatalogError, kubeadmRelease, unauthorizedLeaseLine, type ControlPlaneProgram } from '@kubelab/images';
import { connect, type NatsConnection } from 'nats';
import { ThreadHost, LabThread, describeChild, hasExited, signalChild, type LabChild } from './lab-threads.js';
import { recordChaos, type ChaosTarget } from './chaos/chaos-events.js';
import { serveControlApi } from './chaos/control-api.js';
import { NatsProxy } from './chaos/nats-proxy.js';
import { certDir, dashboardUrl, isApiServer, labApiUrls, isLabNats, labApiUrl, labCaFile, labAgentNodes, labProcessEnv, labProcesses, controlPlaneNode, threadHostCommand, threadHostName, type Component, type LabSettings } from './components.js';
import { adminNatsOptions, adminNkeyFile, labBusIdentities, writeNatsAuth, writeNatsCluster } from './nats-auth.js';
import { publishUserImages, readLabCatalog, readUserEntries, userCatalogFile } from './images.js';
import { readLabCredentials, writeKubeconfig } from './kubeconfig.js';
import { removeLabState, writeLabState, type LabState, type ProcessState } from './lab-state.js';
import { serveGatewayApi } from './host-ports/gateway-controller.js';
import { HostProxy } from './host-ports/host-proxy.js';
import { IngressListeners } from './host-ports/ingress-controller.js';
import { trustLabCa } from './lab-trust.js';
import { markControlPlane } from './mark-control-plane.js';
import { reachable } from './ports.js';
import { nextRestart } from './restart-backoff.js';
import { StaticPodLogRelay } from './static-pod-log-relay.js';
import { decideStaticProcess, manifestChangedMessage, manifestChangedReason, type ManifestHold } from './static-pod-process.js';
import { whatNext } from './what-next.js';

interface Running {
  component: Component;
  child: LabChild;
  cmdline: string[];
  log: string;
  /** Where this run's lines begin in the log, which every run of the component appends to. */
  logFrom: number;
  state: ProcessState;
  startedAt: number;
  /** Restarts of the component so far, and exits in its current crash loop (the back-off's exponent). */
  restarts: number;
  streak: number;
  /** Set while a restart waits out its back-off. */
  restartTimer?: NodeJS.Timeout;
}

/** Output streams that failed: a pipe whose reader is gone (EPIPE), a closed terminal (EIO). */
const deadOutput = new Set<NodeJS.WriteStream>();

/** Writes unless the stream failed: the supervisor goes on stopping or running, quietly. */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!deadOutput.has(stream) && !stream.destroyed) stream.write(text);
}

const print = (line: string) => write(process.stdout, `${line}\n`);

/** The lab's processes that are kubeadm's static pods on the controlplane node: the container (and mirror pod `NAME-controlplane`) each is. */
const staticPodContainers: Readonly<Record<string, ControlPlaneProgram>> = { 'api-server': 'kube-apiserver', scheduler: 'kube-scheduler', 'controller-manager': 'kube-controller-manager' };


/**
 * True once the Node is Ready by a heartbeat of this run of its agent (at `since` or later, within the API's one-second
 * precision): a lab started again on its data dir finds its Nodes still Ready from the last run.
 */
async function nodeReady(url: string, since: number): Promise<boolean> {
  const node = await fetch(url).then((res) => (res.ok ? res.json() : undefined), () => undefined) as { status?: { conditions?: { type: string; status: string; lastHeartbeatTime?: string }[] } } | undefined;
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'True' && Date.parse(ready.lastHeartbeatTime ?? '') >= since - 1000;
}

/** True once JetStream answers through the server at `url` alone: a cluster member, once the cluster has a metadata leader. */
async function jetStreamAnswers(s: LabSettings, url: string): Promise<boolean> {
  const nc = await connect({ servers: url, name: 'kubelab-up', reconnect: false, ...adminNatsOptions(s.dataDir) }).catch(() => undefined);
  if (!nc) return false;
  try {
    return await (await nc.jetstreamManager({ timeout: 1000 })).getAccountInfo().then(() => true, () => false);
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

/**
 * What a process that failed to start said last, beyond its JSON log lines: the
 * one-line message every component prints when it refuses to start (a damaged log,
 * a port in use), so `kubelab up` shows the reason rather than only where to look.
 */
function lastWords(log: string, from: number): string {
  let text: string;
  try {
    text = readFileSync(log).subarray(from).toString('utf8').slice(-8192);
  } catch {
    return '';
  }
  const said = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
  return said.length ? `:\n${said.slice(-6).join('\n')}\n` : '';
}

/** What the control-plane node's kubelet last said of one program's manifest, and the edit that made it look (a shell session's log entry). */
interface ManifestWord {
  start?: StaticPodStart;
  cause?: number;
}

/** The lab's processes: started, watched, signalled and restarted by name. */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  /** Each agent reaches NATS through its own relay (one port per member of a NATS cluster), so a drill can partition it. */
  readonly proxies = new Map<string, NatsProxy>();
  private nc?: Promise<NatsConnection>;
  /** Components between the start of a launch and their spawn: a second launch then would start a second process. */
  private readonly launching = new Set<string>();
  /** The release each api-server process runs as (its static pod's image tag when the kubelet last said it), by component name. */
  private readonly apiServerVersions = new Map<string, string>();
  /** What each static pod's manifest says of its process (kubeadm-shaped labs), by component name. */
  private readonly manifests = new Map<string, ManifestHold>();
  /** Processes being stopped because their manifest changed or stopped them: their exit is no crash to show or restart. */
  private readonly replacing = new Set<string>();
  /** The newest word of each component's manifest not yet acted on, while an earlier one is carried out: one at a time. */
  private readonly manifestWords = new Map<string, ManifestWord>();
  private readonly holding = new Set<string>();
  /** Each static pod's process's own log, sent to its container on the controlplane node. */
  private readonly staticPodLogs = new StaticPodLogRelay(async (log) => {
    const reply = await (await this.nats()).request(subjects.agentStaticPodLog(controlPlaneNode), new TextEncoder().encode(JSON.stringify(log)), { timeout: 2000 });
    return (JSON.parse(new TextDecoder().decode(reply.data)) as { appended?: boolean }).appended === true;
  });
  stopping = false;

  constructor(readonly settings: LabSettings, readonly state: LabState) {}

  /** The component's command; an agent's points at its relay, made on its first start and kept across restarts. */
  private async commandOf(c: Component) {
    if (!c.nodes) return c.command(this.settings);
    let proxy = this.proxies.get(c.name);
    if (!proxy) {
      proxy = new NatsProxy(natsServers(this.settings.natsUrl).map((server) => {
        const url = new URL(server.includes('://') ? server : `nats://${server}`);
        return { host: url.hostname, port: Number(url.port || 4222) };
      }));
      this.proxies.set(c.name, proxy);
    }
    return c.command({ ...this.settings, natsUrl: await proxy.listen() });
  }

  /** Starts the component's process (cancelling a restart that waits) and resolves once it answers. */
  async launch(c: Component): Promise<void> {
    if (this.launching.has(c.name)) throw new Error(`${c.name} is being started already`);
    const began = Date.now();
    const s = this.settings;
    const previous = this.running.get(c.name);
    clearTimeout(previous?.restartTimer);
    this.launching.add(c.name);
    let r: Running;
    try {
      const { file, args } = await this.commandOf(c);
      // stopAll() stops the processes it finds: none may start after it began.
      if (this.stopping) throw new Error(`the lab is stopping, so ${c.name} is not started`);
      const log = this.logFile(c.name);
      const logFrom = existsSync(log) ? statSync(log).size : 0;
      const thread = c.thread && (await this.threadOf(c));
      const child = thread ? await this.threadHost.start(c.name, thread.entry, thread.argv, log) : this.spawnLogged(file, args, log, c.env?.(s));
      r = {
        component: c, child, cmdline: [file, ...args], log, logFrom, state: 'running', startedAt: Date.now(),
        restarts: previous?.restarts ?? 0, streak: previous?.streak ?? 0,
      };
    } finally {
      this.launching.delete(c.name);
    }
    const { child } = r;
    this.running.set(c.name, r);
    if (this.isStaticPod(c)) this.staticPodLogs.follow(staticPodContainers[c.name], r.log, r.logFrom);
    if (c.listensOn) child.on('message', (m: Partial<ListeningMessage>) => typeof m.listening === 'number' && this.listening(c, m.listening));
    this.save();
    child.once('exit', (code, signal) => {
      if (this.running.get(c.name) !== r) return;
      if (this.isStaticPod(c)) this.staticPodLogs.unfollow(staticPodContainers[c.name]);
      // A static pod's process that a drill killed is restarted as any exit is: its kubelet would (kubelab chaos start does it at once).
      // One its manifest stopped stays down: the manifest's new container already shows why.
      const heldDown = this.manifests.get(c.name)?.down === true || this.replacing.has(c.name);
      r.state = (r.state === 'stopped' && !this.isStaticPod(c)) || heldDown ? 'stopped' : 'exited';
      if (this.stopping) return;
      if (!heldDown) void this.showOnStaticPod(c, code ?? 128 + (signal ? osConstants.signals[signal] : 0));
      const how = signal ? `on ${signal}` : `with code ${code}`;
      // Before the lab is up, a process that exits fails the start instead.
      if (r.state === 'exited' && this.state.ready) this.restartLater(r, how);
      else if (r.state === 'exited') print(`kubelab: ${c.name} (${describeChild(child)}) exited ${how}; see ${r.log}`);
      this.save();
    });
    await this.waitReady(r);
    const program = staticPodContainers[c.name];
    if (this.isStaticPod(c) && (program === 'kube-scheduler' || program === 'kube-controller-manager')) this.staticPodLogs.say(program, (at) => acquiredLeaseLine(program, at));
    print(`  ✓ ${c.name.padEnd(26)} ready in ${((Date.now() - began) / 1000).toFixed(1)} s (${describeChild(child)})`);
  }

  /** The log file of a component (or of the thread host) in the data dir, every run of it appending. */
  private logFile(name: string): string {
    const logDir = join(this.settings.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    return join(logDir, `${name.replace('/', '-')}.log`);
  }

  /** Spawns a process of the lab, its output appended to `log`. */
  private spawnLogged(file: string, args: string[], log: string, env: Record<string, string> = {}): ChildProcess {
    const fd = openSync(log, 'a');
    // Its own process group: Ctrl-C reaches the supervisor, which stops the children in order. The IPC
    // channel is how the child learns that the supervisor is gone, however it went.
    const child = spawn(file, args, {
      cwd: this.settings.root, detached: true, stdio: ['ignore', fd, fd, 'ipc'], env: { ...process.env, ...labProcessEnv, TSX_TSCONFIG_PATH: join(this.settings.root, 'tsconfig.json'), ...env },
    });
    // The child holds its own copy; a drill that restarts a process many times must not leak descriptors here.
    closeSync(fd);
    return child;
  }

  /** The thread host's command line, as /proc shows it (what tells a leftover of it from a process that got its pid since). */
  private threadHostCommandLine(): string[] {
    const { file, args } = threadHostCommand(this.settings);
    return [file, ...args];
  }

  /** A thread's entry and flags; a node's agent's NATS URL is its relay's, which commandOf made. */
  private async threadOf(c: Component): Promise<{ entry: string; argv: string[] }> {
    const proxy = this.proxies.get(c.name);
    return c.thread!(proxy ? { ...this.settings, natsUrl: await proxy.listen() } : this.settings);
  }

  /** The process the components run in as threads, spawned when one is started and none runs. */
  private readonly threadHost = new ThreadHost(() => {
    const { file, args } = threadHostCommand(this.settings);
    const child = this.spawnLogged(file, args, this.logFile(threadHostName));
    child.once('spawn', () => this.save());
    child.once('exit', () => this.save());
    return child;
  });

  /** Whether the component is one of the controlplane node's static pods (a kubeadm-shaped lab's api-server, scheduler, controller-manager). */
  heldDown(name: string): { program: string; reason: string } | undefined {
    const hold = this.manifests.get(name);
    return hold?.down && hold.reason ? { program: staticPodContainers[name], reason: hold.reason } : undefined;
  }

  private isStaticPod(c: Component): boolean {
    return this.settings.controlPlane && staticPodContainers[c.name] !== undefined;
  }

  /**
   * A control-plane process that exited ends its static pod's container on the controlplane node with its exit code, so
   * the mirror pod shows what a kubeadm cluster shows: Error, its restarts, CrashLoopBackOff when it keeps dying.
   */
  private async showOnStaticPod(c: Component, exitCode: number): Promise<void> {
    if (!this.isStaticPod(c)) return;
    const container = staticPodContainers[c.name];
    const request: PodChaosRequest = { namespace: 'kube-system', pod: `${container}-${controlPlaneNode}`, chaos: { action: 'crash', container, exitCode } };
    const nc = await this.nats();
    await nc.request(subjects.agentChaos(controlPlaneNode), new TextEncoder().encode(JSON.stringify(request)), { timeout: 3000 }).catch(() => undefined);
  }

  /**
   * From now on each control-plane process follows its static pod manifest, as the control-plane node's kubelet tells of
   * it: started anew when the manifest changed, stopped while it is gone or names what the program refuses, started
   * once it is fixed. Only the kubelet of the control-plane node may publish on that subject.
   */
  async followStaticPods(): Promise<void> {
    const nc = await this.nats();
    nc.subscribe(subjects.staticPodStarts(controlPlaneNode), {
      callback: (_err, msg) => {
        const starts = JSON.parse(new TextDecoder().decode(msg.data)) as StaticPodStarts;
        for (const [name, program] of Object.entries(staticPodContainers)) void this.holdInTurn(name, { start: starts.pods.find((p) => p.program === program), cause: starts.cause });
      },
    });
  }

  /** Acts on the newest word of a component's manifest once what an earlier word started is done (a stop before a start). */
  private async holdInTurn(name: string, word: ManifestWord): Promise<void> {
    // A word that supersedes one not yet acted on keeps its cause: the edit is still what the action is about.
    this.manifestWords.set(name, { start: word.start, cause: word.cause ?? this.manifestWords.get(name)?.cause });
    if (this.holding.has(name)) return;
    this.holding.add(name);
    try {
      while (this.manifestWords.has(name)) {
        const word = this.manifestWords.get(name)!;
        this.manifestWords.delete(name);
        await this.holdToManifest(name, word);
      }
    } finally {
      this.holding.delete(name);
    }
  }

  private async holdToManifest(name: string, { start, cause }: ManifestWord): Promise<void> {
    const r = this.running.get(name);
    if (!r || this.stopping || this.launching.has(name)) return;
    const decided = decideStaticProcess(this.manifests.get(name) ?? { down: false }, start);
    this.manifests.set(name, decided.next);
    // An api-server runs as the release its static pod's image is: one started before the kubelet said which (a lab started again after an upgrade) starts anew as it.
    const version = isApiServer(name) && start?.starts ? start.version : undefined;
    const act = decided.act.action === 'none' && version !== undefined && version !== (this.apiServerVersions.get(name) ?? kubeadmRelease) ? { action: 'restart' as const } : decided.act;
    if (version !== undefined) {
      this.settings.kubernetesVersion = version;
      this.apiServerVersions.set(name, version);
    }
    if (act.action === 'none') return;
    const program = staticPodContainers[name];
    const { type, message } = manifestChangedMessage(program, act);
    print(`kubelab: ${name}: ${message}`);
    // Recorded before the process stops, as the kubelet's Events on the mirror pod: the api-server may be the one that goes.
    const record = () => recordChaos(this.state.apiUrl, { kind: 'Pod', namespace: 'kube-system', name: `${program}-${controlPlaneNode}` }, manifestChangedReason, message, `kubelet/${controlPlaneNode}`, type, cause);
    if (act.action !== 'start' || !isApiServer(name)) await record();
    // Refused its client certificate, the program runs on in its container doing nothing, and says why.
    if (act.action === 'stop' && act.until && program !== 'kube-apiserver') this.staticPodLogs.say(program, (at) => unauthorizedLeaseLine(program, at));
    if (act.action !== 'start' && !hasExited(r.child)) {
      clearTimeout(r.restartTimer);
      r.state = 'stopped';
      this.replacing.add(name);
      const gone = this.exited(name);
      signalChild(r.child, 'SIGTERM');
      await gone.finally(() => this.replacing.delete(name));
    }
    clearTimeout(r.restartTimer);
    if (act.action === 'stop') return this.save();
    await this.launch(r.component).catch((e: Error) => print(`kubelab: ${e.message}`));
    if (act.action === 'start' && isApiServer(name)) await record();
  }

  /** A component asked for port 0 bound this one: later components, restarts and lab.json use it. */
  private listening(c: Component, port: number): void {
    if (!c.listensOn || this.settings[c.listensOn] === port) return;
    this.settings[c.listensOn] = port;
    this.state.apiUrl = labApiUrl(this.settings);
    this.state.apiUrls = labApiUrls(this.settings);
    if (this.state.dashboardUrl) this.state.dashboardUrl = dashboardUrl(this.settings);
    this.save();
  }

  /** Restarts a process that exited on its own once its back-off has passed, as a kubelet restarts a static pod. */
  private restartLater(r: Running, how: string): void {
    const { streak, delayMs } = nextRestart(r.streak, Date.now() - r.startedAt);
    r.streak = streak;
    print(`kubelab: ${r.component.name} exited ${how}; restarting in ${delayMs / 1000} s (restart ${r.restarts + 1})`);
    r.restartTimer = setTimeout(() => void this.restart(r, how), delayMs);
  }

  private async restart(r: Running, how: string): Promise<void> {
    const c = r.component;
    r.restartTimer = undefined;
    if (this.stopping || this.running.get(c.name) !== r || this.manifests.get(c.name)?.down) return;
    r.restarts += 1;
    const targets: ChaosTarget[] = c.nodes ? c.nodes.map((name) => ({ kind: 'Node', name })) : [{ kind: 'Component', name: c.name }];
    // Recorded before the restart, as a drill is; the api-server itself can record only once it is back.
    const record = () => Promise.all(targets.map((target) =>
      recordChaos(this.state.apiUrl, target, 'ComponentRestarted', `kubelab: restarted ${c.name} after it exited ${how} (restart ${r.restarts})`, 'kubelab')));
    try {
      if (!isApiServer(c.name)) await record();
      await this.launch(c);
      if (isApiServer(c.name)) await record();
    } catch (e) {
      // A process that exited again already waits for its next restart; one that runs but never became ready is killed to get one.
      const now = this.running.get(c.name);
      if (this.stopping || !now || now === r || hasExited(now.child)) return;
      print(`kubelab: ${(e as Error).message}; killing it to start it again`);
      signalChild(now.child, 'SIGKILL');
    }
  }

  /**
   * Waits until the component answers as its readiness says. An agent's nodes are asked for until each is Ready (one
   * that was is not asked again), and an agent of many nodes is given a second more per node: a thousand nodes register
   * at once, and on PostgreSQL the last of them took some 120 s.
   */
  private async waitReady(r: Running): Promise<void> {
    const s = this.settings;
    const pendingNodes = new Set(r.component.nodes ?? []);
    const timeoutMs = 120_000 + 1000 * pendingNodes.size;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new Error(`the lab is stopping, so ${r.component.name} is not waited for`);
      if (hasExited(r.child)) throw new Error(`${r.component.name} exited with code ${r.child.exitCode}${lastWords(r.log, r.logFrom)}; see ${r.log}`);
      // The api-server writes the CA before it listens; from then on every fetch here trusts it.
      if (this.state.caFile) trustLabCa(this.state.caFile);
      if (r.component.listensOn && s[r.component.listensOn] === 0) {
        // Not listening yet: it says where once it does.
      } else if (r.component.readiness === 'nats') {
        const url = new URL(r.component.readyUrl!(s));
        if (await reachable(url.hostname, Number(url.port))) return;
      } else if (r.component.readiness === 'jetstream') {
        if (await jetStreamAnswers(s, r.component.readyUrl!(s))) return;
      } else if (r.component.readiness === 'http') {
        if (await fetch(r.component.readyUrl!(s)).then((res) => res.ok, () => false)) return;
      } else if (r.component.readiness === 'leader') {
        if (await this.holdsLease(r.component.lease!, `${hostname()}_${r.child.pid}`)) return;
      } else if (r.component.readiness === 'spawned') {
        return;
      } else {
        await Promise.all([...pendingNodes].map(async (node) => (await nodeReady(`${labApiUrl(s)}/api/v1/nodes/${node}`, r.startedAt)) && pendingNodes.delete(node)));
        if (pendingNodes.size === 0) return;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`${r.component.name} did not become ready within ${timeoutMs / 1000} s; see ${r.log}`);
  }

  /** True once the process with this identity leads (its default identity is host_pid); false while NATS does not answer. */
  private async holdsLease(lease: string, identity: string): Promise<boolean> {
    const nc = await this.nats().catch(() => undefined);
    if (!nc || nc.isClosed()) return false;
    const leader = await readLeader(nc, lease, bucketReplicas(this.settings.natsUrl)).catch(() => undefined);
    return leader?.holderIdentity === identity;
  }

  /** The process of a component, if this lab started it. */
  find(name: string): Running | undefined {
    return this.running.get(name);
  }

  names(): string[] {
    return [...this.running.keys()];
  }

  /** Sends a signal to the process's group; a paused process is continued after a TERM so that it can act on it. */
  signal(name: string, signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): void {
    const r = this.running.get(name)!;
    const paused = r.state === 'paused';
    r.state = signal === 'SIGSTOP' ? 'paused' : signal === 'SIGCONT' ? 'running' : 'stopped';
    signalChild(r.child, signal);
    if (paused && signal === 'SIGTERM') signalChild(r.child, 'SIGCONT');
    this.save();
  }

  /** Resolves when the process has exited. */
  exited(name: string): Promise<void> {
    const child = this.running.get(name)!.child;
    if (hasExited(child)) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** A connection to the lab's NATS for drills on pods, opened on first use. */
  nats(): Promise<NatsConnection> {
    if (!this.nc) {
      const opened = connect({ servers: natsServers(this.settings.natsUrl), name: 'kubelab-chaos', maxReconnectAttempts: -1, ...adminNatsOptions(this.settings.dataDir) });
      // A first connection that failed (NATS not up yet) is tried again at the next call.
      opened.catch(() => this.nc === opened && (this.nc = undefined));
      this.nc = opened;
    }
    return this.nc;
  }

  /** lab.json, with each process's pid and state as they are now. */
  save(): void {
    const host = this.threadHost.process;
    this.state.processes = [...this.running.values()].map((r) => ({
      name: r.component.name, pid: r.child.pid!, cmdline: r.cmdline, log: r.log, state: r.state, restarts: r.restarts,
      ...(r.child instanceof LabThread ? { thread: true } : {}), ...(r.component.nodes ? { nodes: [...r.component.nodes] } : {}),
      ...(this.proxies.get(r.component.name)?.partitioned ? { partitioned: true } : {}),
    }));
    if (host) this.state.processes.push({ name: threadHostName, pid: host.pid!, cmdline: this.threadHostCommandLine(), log: this.logFile(threadHostName), state: 'running', restarts: 0 });
    writeLabState(this.settings.dataDir, this.state);
  }

  /** Stops the processes in three waves, the reverse of start-up: the services first, so that they can still release their leases, then the api-server, then NATS. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const r of this.running.values()) clearTimeout(r.restartTimer);
    const stop = (r: Running) => new Promise<void>((resolve) => {
      if (hasExited(r.child)) return resolve();
      const force = setTimeout(() => signalChild(r.child, 'SIGKILL'), 5000);
      r.child.once('exit', () => (clearTimeout(force), resolve()));
      signalChild(r.child, 'SIGTERM');
      if (r.state === 'paused') signalChild(r.child, 'SIGCONT');
    });
    const all = [...this.running.values()];
    const foundation = (name: string) => isApiServer(name) || isLabNats(name);
    await Promise.all(all.filter((r) => !foundation(r.component.name)).map(stop));
    await this.threadHost.stop();
    await Promise.all(all.filter((r) => isApiServer(r.component.name)).map(stop));
    await Promise.all(all.filter((r) => isLabNats(r.component.name)).map(stop));
    for (const proxy of this.proxies.values()) proxy.close();
    this.staticPodLogs.stop();
    await this.nc?.then((nc) => nc.close(), () => undefined);
  }
}

/**
 * The images `kubelab image add` kept in the data dir go to the bucket before any agent
 * starts, so agents anywhere (this host or another) pull them from their first pod.
 */
async function publishAddedImages(s: LabSettings): Promise<void> {
  let entries: unknown[];
  try {
    entries = readUserEntries(s.dataDir, () => readLabCatalog(s.root));
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    print(`kubelab: ${userCatalogFile(s.dataDir)} is not usable, so its images are left out; fix it:\n  ${e.problems.join('\n  ')}`);
    return;
  }
  await publishUserImages(s.natsUrl, entries, { replace: true }, adminNatsOptions(s.dataDir));
}

/** Runs the lab until a signal; returns the exit code. */
export async function runLab(s: LabSettings, selected: string[], startNats: boolean, onReady?: () => void): Promise<number> {
  const state: LabState = {
    supervisorPid: process.pid, apiUrl: labApiUrl(s), apiUrls: labApiUrls(s), natsUrl: s.natsUrl, natsUrls: natsServers(s.natsUrl), natsListen: s.natsListen, timeScale: s.timeScale,
    controlUrl: `http://127.0.0.1:${s.controlPort}`, kubeconfig: join(s.dataDir, 'kubeconfig'), ready: false, processes: [],
    ...(s.insecureHttp ? {} : { caFile: labCaFile(s.dataDir) }),
    ...(s.database ? { database: maskDatabase(s.database) } : {}),
    ...(selected.includes('dashboard') ? { dashboardUrl: dashboardUrl(s) } : {}),
  };
  // Ctrl-C on `kubelab up | tee log` ends tee first: a print must not crash the stop that follows.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => deadOutput.add(stream));
  const lab = new Supervisor(s, state);
  const secret = readOrCreateSecret(labSecretFile(s.dataDir));
  let hostProxy: Promise<HostProxy | undefined> | undefined;
  const control = await serveControlApi(lab, s.controlPort, secret, async () => (await hostProxy)?.reach() ?? []);
  s.controlPort = (control.address() as AddressInfo).port;
  state.controlUrl = `http://127.0.0.1:${s.controlPort}`;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    print('kubelab: stopping…');
    control.close();
    // One still starting (its API not answering) is not waited for: the process ends with the lab.
    const proxy = await Promise.race([hostProxy, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref())]);
    await proxy?.stop().catch(() => undefined);
    await lab.stopAll();
    removeLabState(s.dataDir);
    print('kubelab: stopped');
  })());
  // A closed terminal (SIGHUP) stops the lab as Ctrl-C does; a second signal while it stops changes nothing.
  const signalled = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop().then(resolve));
  });
  try {
    // Each process's NATS user, before NATS reads them (in each member's configuration when the lab runs a NATS cluster);
    // then NATS (a cluster's members together: each waits for a JetStream quorum) and the api-server: everything else needs only them.
    writeNatsCluster(s.dataDir, startNats ? s.natsCluster : []);
    writeNatsAuth(s.dataDir, labBusIdentities(labAgentNodes(s).map((a) => a.nodes)));
    const all = labProcesses(s, selected).filter((c) => !isLabNats(c.name) || startNats);
    const foundations = all.filter((c) => isLabNats(c.name) || isApiServer(c.name));
    await Promise.all(foundations.filter((c) => isLabNats(c.name)).map((c) => lab.launch(c)));
    for (const c of foundations.filter((c) => !isLabNats(c.name))) await lab.launch(c);
    await publishAddedImages(s);
    if (selected.includes('api-server') && selected.includes('kubelet-agent')) {
      await serveGatewayApi(s.natsUrl, adminNkeyFile(s.dataDir), join(s.root, 'dist/gateway-api-crds.json'))
        .catch((e: Error) => print(`kubelab: the Gateway API's CRDs are not served: ${e.message}`));
    }
    await Promise.all(all.filter((c) => !foundations.includes(c)).map((c) => lab.launch(c)));
    if (all.some((c) => c.nodes?.includes(controlPlaneNode))) await markControlPlane(state.apiUrl);
  } catch (e) {
    // A Ctrl-C during start-up stops the lab; the start that it cut short is no error.
    if (stopping) return signalled.then(() => 0);
    write(process.stderr, `kubelab: ${(e as Error).message}\n`);
    await stop();
    return 1;
  }
  writeKubeconfig(state.kubeconfig, state.apiUrl, s.insecureHttp ? undefined : readLabCredentials(certDir(s.dataDir)));
  // Only once the lab is up: a manifest that stopped a process while it was being waited for would fail the start.
  if (s.controlPlane) await lab.followStaticPods();
  // The node ports and load balancers from the host, as kind's port mappings and cloud-provider-kind give them (only a lab
  // with an api-server and nodes has any), served from a moment after the lab is up: the user's first Service takes longer to make than this to start.
  if (selected.includes('api-server') && selected.includes('kubelet-agent')) {
    // The Ingress controller's ports are bound first, so the lab says at once where it answers.
    const ingress = await IngressListeners.bind(s.ingressPorts ?? { http: 8080, https: 8443 });
    state.ingressUrls = ingress.urls();
    hostProxy = HostProxy.start(s.natsUrl, adminNkeyFile(s.dataDir), ingress, print).catch((e: Error) => {
      ingress.close();
      print(`kubelab: node ports, load balancers and Ingresses are not served on the host: ${e.message}`);
      return undefined;
    });
  }
  state.ready = true;
  lab.save();
  print('');
  print(`kubelab is up.`);
  for (const line of whatNext(state, s.dataDir, process.cwd(), 'Ctrl-C stops the lab.', secret)) print(line);
  print('');
  onReady?.();
  await signalled;
  return 0;
}
