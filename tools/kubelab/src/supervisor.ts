/**
 * `kubelab up` in the foreground: starts each component as its own process, waits
 * for each to answer (a progress line per service), writes the kubeconfig, and on
 * Ctrl-C stops everything in reverse order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readLeader } from '@kubelab/bus';
import { connect } from 'nats';
import { labProcesses, type Component, type LabSettings } from './components.js';
import { writeKubeconfig } from './kubeconfig.js';
import { removeLabState, writeLabState, type LabState } from './lab-state.js';
import { reachable } from './ports.js';

interface Running {
  component: Component;
  child: ChildProcess;
  log: string;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function waitReady(r: Running, s: LabSettings, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (r.child.exitCode !== null) throw new Error(`${r.component.name} exited with code ${r.child.exitCode}; see ${r.log}`);
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

function start(c: Component, s: LabSettings): Running {
  const logDir = join(s.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, `${c.name.replace('/', '-')}.log`);
  const fd = openSync(log, 'a');
  const { file, args } = c.command(s);
  // Its own process group: Ctrl-C reaches the supervisor, which stops the children in order.
  const child = spawn(file, args, { cwd: s.root, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, TSX_TSCONFIG_PATH: join(s.root, 'tsconfig.json') } });
  return { component: c, child, log };
}

function stopAll(running: Running[]): Promise<void> {
  const stops = [...running].reverse().map((r) => new Promise<void>((resolve) => {
    if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve();
    const force = setTimeout(() => r.child.kill('SIGKILL'), 5000);
    r.child.once('exit', () => (clearTimeout(force), resolve()));
    r.child.kill('SIGTERM');
  }));
  return Promise.all(stops).then(() => undefined);
}

/** Runs the lab until a signal; returns the exit code. */
export async function runLab(s: LabSettings, selected: string[], startNats: boolean, onReady?: () => void): Promise<number> {
  const running: Running[] = [];
  const state: LabState = {
    supervisorPid: process.pid, apiUrl: `http://127.0.0.1:${s.apiPort}`, natsUrl: s.natsUrl,
    kubeconfig: join(s.dataDir, 'kubeconfig'), ready: false, processes: [],
  };
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    print('kubelab: stopping…');
    await stopAll(running);
    removeLabState(s.dataDir);
    print('kubelab: stopped');
  };
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', () => void stop().then(resolve));
    process.once('SIGTERM', () => void stop().then(resolve));
  });
  try {
    const launch = async (c: Component) => {
      const began = Date.now();
      const r = start(c, s);
      running.push(r);
      state.processes.push({ name: c.name, pid: r.child.pid!, log: r.log });
      writeLabState(s.dataDir, state);
      await waitReady(r, s);
      print(`  ✓ ${c.name.padEnd(20)} ready in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${r.child.pid})`);
      r.child.once('exit', (code, signal) => {
        if (!stopping) print(`kubelab: ${c.name} (pid ${r.child.pid}) exited ${signal ? `on ${signal}` : `with code ${code}`}; see ${r.log}`);
      });
    };
    // NATS and the api-server first, one after the other; everything else needs only them.
    const all = labProcesses(s, selected).filter((c) => c.name !== 'nats' || startNats);
    const foundations = all.filter((c) => c.name === 'nats' || c.name === 'api-server');
    for (const c of foundations) await launch(c);
    await Promise.all(all.filter((c) => !foundations.includes(c)).map(launch));
  } catch (e) {
    process.stderr.write(`kubelab: ${(e as Error).message}\n`);
    await stop();
    return 1;
  }
  writeKubeconfig(state.kubeconfig, state.apiUrl);
  state.ready = true;
  writeLabState(s.dataDir, state);
  print('');
  print(`kubelab is up.`);
  print(`  API server:  ${state.apiUrl}`);
  print(`  NATS:        ${s.natsUrl}`);
  print(`  kubeconfig:  ${state.kubeconfig}`);
  print(`  logs:        ${join(s.dataDir, 'logs')}`);
  print('');
  print(`  export KUBECONFIG=${state.kubeconfig}`);
  print('  kubectl get namespaces');
  print('');
  onReady?.();
  await signalled;
  return 0;
}
