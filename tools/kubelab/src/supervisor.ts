/**
 * `kubelab up` in the foreground: starts each component as its own process, waits
 * for each to answer (a progress line per service), writes the kubeconfig, serves
 * the control API for chaos drills, and on Ctrl-C stops everything in reverse order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readLeader } from '@kubelab/bus';
import { CatalogError } from '@kubelab/images';
import { connect, type NatsConnection } from 'nats';
import { serveControlApi } from './chaos/control-api.js';
import { NatsProxy } from './chaos/nats-proxy.js';
import { certDir, labApiUrl, labCaFile, labProcesses, type Component, type LabSettings } from './components.js';
import { publishUserImages, readLabCatalog, readUserEntries, userCatalogFile } from './images.js';
import { readLabCredentials, writeKubeconfig } from './kubeconfig.js';
import { removeLabState, writeLabState, type LabState, type ProcessState } from './lab-state.js';
import { trustLabCa } from './lab-trust.js';
import { reachable } from './ports.js';
import { whatNext } from './what-next.js';

interface Running {
  component: Component;
  child: ChildProcess;
  log: string;
  state: ProcessState;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function nodeReady(url: string): Promise<boolean> {
  const node = await fetch(url).then((res) => (res.ok ? res.json() : undefined), () => undefined) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
  return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** True once the process with this identity leads (its default identity is host_pid). */
async function holdsLease(natsUrl: string, lease: string, identity: string): Promise<boolean> {
  const nc = await connect({ servers: natsUrl, name: 'kubelab-up' });
  try {
    return (await readLeader(nc, lease).catch(() => undefined))?.holderIdentity === identity;
  } finally {
    await nc.close();
  }
}

/** The lab's processes: started, watched, signalled and restarted by name. */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  /** Each agent reaches NATS through its own relay, so a drill can partition it. */
  readonly proxies = new Map<string, NatsProxy>();
  private nc?: Promise<NatsConnection>;
  stopping = false;

  constructor(readonly settings: LabSettings, readonly state: LabState) {}

  /** The component's command; an agent's points at its relay, made on its first start and kept across restarts. */
  private async commandOf(c: Component) {
    if (!c.name.startsWith('kubelet-agent/')) return c.command(this.settings);
    let proxy = this.proxies.get(c.name);
    if (!proxy) {
      const nats = new URL(this.settings.natsUrl);
      proxy = new NatsProxy({ host: nats.hostname, port: Number(nats.port) });
      this.proxies.set(c.name, proxy);
    }
    return c.command({ ...this.settings, natsUrl: await proxy.listen() });
  }

  /** Starts the component's process and resolves once it answers. */
  async launch(c: Component): Promise<void> {
    const began = Date.now();
    const s = this.settings;
    const logDir = join(s.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const log = join(logDir, `${c.name.replace('/', '-')}.log`);
    const fd = openSync(log, 'a');
    const { file, args } = await this.commandOf(c);
    // Its own process group: Ctrl-C reaches the supervisor, which stops the children in order.
    const child = spawn(file, args, { cwd: s.root, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, TSX_TSCONFIG_PATH: join(s.root, 'tsconfig.json') } });
    // The child holds its own copy; a drill that restarts a process many times must not leak descriptors here.
    closeSync(fd);
    const r: Running = { component: c, child, log, state: 'running' };
    this.running.set(c.name, r);
    this.save();
    child.once('exit', (code, signal) => {
      if (this.running.get(c.name) !== r) return;
      r.state = r.state === 'stopped' ? 'stopped' : 'exited';
      if (!this.stopping) {
        this.save();
        if (r.state === 'exited') print(`kubelab: ${c.name} (pid ${child.pid}) exited ${signal ? `on ${signal}` : `with code ${code}`}; see ${log}`);
      }
    });
    await this.waitReady(r);
    print(`  ✓ ${c.name.padEnd(20)} ready in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${child.pid})`);
  }

  private async waitReady(r: Running, timeoutMs = 60_000): Promise<void> {
    const s = this.settings;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (r.child.exitCode !== null || r.child.signalCode !== null) throw new Error(`${r.component.name} exited with code ${r.child.exitCode}; see ${r.log}`);
      // The api-server writes the CA before it listens; from then on every fetch here trusts it.
      if (this.state.caFile) trustLabCa(this.state.caFile);
      if (r.component.readiness === 'nats') {
        const url = new URL(s.natsUrl);
        if (await reachable(url.hostname, Number(url.port))) return;
      } else if (r.component.readiness === 'http') {
        if (await fetch(r.component.readyUrl!(s)).then((res) => res.ok, () => false)) return;
      } else if (r.component.readiness === 'leader') {
        if (await holdsLease(s.natsUrl, r.component.lease!, `${hostname()}_${r.child.pid}`)) return;
      } else if (await nodeReady(r.component.readyUrl!(s))) {
        return;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`${r.component.name} did not become ready within ${timeoutMs / 1000} s; see ${r.log}`);
  }

  /** The process of a component, if this lab started it. */
  find(name: string): Running | undefined {
    return this.running.get(name);
  }

  names(): string[] {
    return [...this.running.keys()];
  }

  /** Sends a signal; a paused process is continued after a TERM so that it can act on it. */
  signal(name: string, signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): void {
    const r = this.running.get(name)!;
    const paused = r.state === 'paused';
    r.state = signal === 'SIGSTOP' ? 'paused' : signal === 'SIGCONT' ? 'running' : 'stopped';
    r.child.kill(signal);
    if (paused && signal === 'SIGTERM') r.child.kill('SIGCONT');
    this.save();
  }

  /** Resolves when the process has exited. */
  exited(name: string): Promise<void> {
    const child = this.running.get(name)!.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** A connection to the lab's NATS for drills on pods, opened on first use. */
  nats(): Promise<NatsConnection> {
    this.nc ??= connect({ servers: this.settings.natsUrl, name: 'kubelab-chaos', maxReconnectAttempts: -1 });
    return this.nc;
  }

  /** lab.json, with each process's pid and state as they are now. */
  save(): void {
    this.state.processes = [...this.running.values()].map((r) => ({
      name: r.component.name, pid: r.child.pid!, log: r.log, state: r.state,
      ...(this.proxies.get(r.component.name)?.partitioned ? { partitioned: true } : {}),
    }));
    writeLabState(this.settings.dataDir, this.state);
  }

  /** Stops the processes in three waves, the reverse of start-up: the services first, so that they can still release their leases, then the api-server, then NATS. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const stop = (r: Running) => new Promise<void>((resolve) => {
      if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve();
      const force = setTimeout(() => r.child.kill('SIGKILL'), 5000);
      r.child.once('exit', () => (clearTimeout(force), resolve()));
      r.child.kill('SIGTERM');
      if (r.state === 'paused') r.child.kill('SIGCONT');
    });
    const all = [...this.running.values()];
    const foundation = (name: string) => name === 'api-server' || name === 'nats';
    await Promise.all(all.filter((r) => !foundation(r.component.name)).map(stop));
    for (const name of ['api-server', 'nats']) await Promise.all(all.filter((r) => r.component.name === name).map(stop));
    for (const proxy of this.proxies.values()) proxy.close();
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
    entries = readUserEntries(s.dataDir, readLabCatalog(s.root));
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    print(`kubelab: ${userCatalogFile(s.dataDir)} is not usable, so its images are left out; fix it:\n  ${e.problems.join('\n  ')}`);
    return;
  }
  await publishUserImages(s.natsUrl, entries, { replace: true });
}

/** Runs the lab until a signal; returns the exit code. */
export async function runLab(s: LabSettings, selected: string[], startNats: boolean, onReady?: () => void): Promise<number> {
  const state: LabState = {
    supervisorPid: process.pid, apiUrl: labApiUrl(s), natsUrl: s.natsUrl, timeScale: s.timeScale,
    controlUrl: `http://127.0.0.1:${s.controlPort}`, kubeconfig: join(s.dataDir, 'kubeconfig'), ready: false, processes: [],
    ...(s.insecureHttp ? {} : { caFile: labCaFile(s.dataDir) }),
    ...(selected.includes('dashboard') ? { dashboardUrl: `http://127.0.0.1:${s.dashboardPort}` } : {}),
  };
  const lab = new Supervisor(s, state);
  const control = await serveControlApi(lab, s.controlPort);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    print('kubelab: stopping…');
    control.close();
    await lab.stopAll();
    removeLabState(s.dataDir);
    print('kubelab: stopped');
  };
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', () => void stop().then(resolve));
    process.once('SIGTERM', () => void stop().then(resolve));
  });
  try {
    // NATS and the api-server first, one after the other; everything else needs only them.
    const all = labProcesses(s, selected).filter((c) => c.name !== 'nats' || startNats);
    const foundations = all.filter((c) => c.name === 'nats' || c.name === 'api-server');
    for (const c of foundations) await lab.launch(c);
    await publishAddedImages(s);
    await Promise.all(all.filter((c) => !foundations.includes(c)).map((c) => lab.launch(c)));
  } catch (e) {
    // A Ctrl-C during start-up stops the lab; the start that it cut short is no error.
    if (stopping) return signalled.then(() => 0);
    process.stderr.write(`kubelab: ${(e as Error).message}\n`);
    await stop();
    return 1;
  }
  writeKubeconfig(state.kubeconfig, state.apiUrl, s.insecureHttp ? undefined : readLabCredentials(certDir(s.dataDir)));
  state.ready = true;
  lab.save();
  print('');
  print(`kubelab is up.`);
  for (const line of whatNext(state, s.dataDir, process.cwd(), 'Ctrl-C stops the lab.')) print(line);
  print('');
  onReady?.();
  await signalled;
  return 0;
}
