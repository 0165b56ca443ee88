/** The kubelab CLI: `up`, `down`, `status`, `deschedule`. Every mistake gets a message that says what to fix. */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DescheduleStrategy } from '@kubelab/scheduling';
import { componentNames, type LabSettings } from './components.js';
import { deschedule, descheduleStrategies } from './deschedule.js';
import { alive, readLabState, removeLabState } from './lab-state.js';
import { freePort, portInUse, reachable } from './ports.js';
import { runLab } from './supervisor.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const help = `kubelab — a Kubernetes cluster emulator for learning, rehearsing and breaking a cluster

usage:
  kubelab up [--detach] [--data-dir DIR] [--api-port 6443] [--nodes 3] [--time-scale 1]
             [--components ${componentNames.join(',')}] [--nats-url nats://HOST:PORT]
  kubelab down [--data-dir DIR]
  kubelab status [--data-dir DIR]
  kubelab deschedule [--dry-run] [--strategies ${descheduleStrategies.join(',')}] [--data-dir DIR]
             evicts pods so the scheduler can place them better; --dry-run prints the plan only
`;

/** A request that cannot be carried out as given; the message says what to change. */
class UsageError extends Error {}
class UnknownCommand extends UsageError {}

function positiveNumber(value: string | undefined, flag: string, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
}

async function up(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      detach: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, 'api-port': { type: 'string' },
      nodes: { type: 'string' }, 'time-scale': { type: 'string' }, components: { type: 'string' }, 'nats-url': { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? '.kubelab');
  const apiPort = positiveNumber(values['api-port'], 'api-port', 6443);
  const selected = values.components ? values.components.split(',').map((c) => c.trim()) : componentNames;
  const unknown = selected.filter((c) => !componentNames.includes(c));
  if (unknown.length) throw new UsageError(`unknown component(s): ${unknown.join(', ')}; known: ${componentNames.join(', ')}`);
  const existing = readLabState(dataDir);
  if (existing && alive(existing.supervisorPid)) {
    throw new UsageError(`a lab is already running from ${dataDir} (pid ${existing.supervisorPid}); stop it with: kubelab down --data-dir ${dataDir}`);
  }
  if (existing) removeLabState(dataDir);
  if (await portInUse(apiPort)) {
    throw new UsageError(`port ${apiPort} on 127.0.0.1 is already in use (another lab or program); stop it or choose another with --api-port`);
  }
  let natsUrl = values['nats-url'];
  let startNats = selected.includes('nats');
  if (natsUrl) {
    const u = new URL(natsUrl);
    if (await reachable(u.hostname, Number(u.port || 4222))) startNats = false;
    else if (!startNats) throw new UsageError(`no NATS server answers at ${natsUrl}`);
  } else {
    natsUrl = `nats://127.0.0.1:${await freePort()}`;
  }
  mkdirSync(dataDir, { recursive: true });
  if (values.detach) return detach(argv, dataDir);
  const settings: LabSettings = {
    root, dataDir, apiPort, natsUrl, nodes: positiveNumber(values.nodes, 'nodes', 3),
    timeScale: positiveNumber(values['time-scale'], 'time-scale', 1, false),
  };
  process.stdout.write(`kubelab: starting ${selected.join(', ')} (data in ${dataDir})\n`);
  return runLab(settings, selected, startNats);
}

/** Starts the same `up` in the background and returns once it is ready. */
async function detach(argv: string[], dataDir: string): Promise<number> {
  const log = join(dataDir, 'logs');
  mkdirSync(log, { recursive: true });
  const fd = openSync(join(log, 'kubelab.log'), 'a');
  const args = [fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url)), 'up', ...argv.filter((a) => a !== '--detach')];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd] });
  child.unref();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const state = readLabState(dataDir);
    if (state?.ready) {
      process.stdout.write(`kubelab is up (pid ${state.supervisorPid}).\n  API server:  ${state.apiUrl}\n  kubeconfig:  ${state.kubeconfig}\n\n  export KUBECONFIG=${state.kubeconfig}\n  stop it with: kubelab down --data-dir ${dataDir}\n`);
      return 0;
    }
    if (child.exitCode !== null) {
      process.stderr.write(`kubelab: the lab failed to start; see ${join(log, 'kubelab.log')}\n`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`kubelab: the lab did not become ready in 90 s; see ${join(log, 'kubelab.log')}\n`);
  return 1;
}

async function down(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } } });
  const dataDir = resolve(values['data-dir'] ?? '.kubelab');
  const state = readLabState(dataDir);
  if (!state) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 0;
  }
  if (alive(state.supervisorPid)) process.kill(state.supervisorPid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (alive(state.supervisorPid) || state.processes.some((p) => alive(p.pid)))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const p of state.processes.filter((p) => alive(p.pid))) process.kill(p.pid, 'SIGKILL');
  removeLabState(dataDir);
  process.stdout.write(`kubelab: stopped the lab in ${dataDir}\n`);
  return 0;
}

async function status(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } } });
  const dataDir = resolve(values['data-dir'] ?? '.kubelab');
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 3;
  }
  const apiHealthy = await fetch(`${state.apiUrl}/readyz`).then((r) => r.ok, () => false);
  process.stdout.write(`${'COMPONENT'.padEnd(22)}${'PID'.padEnd(10)}STATUS\n`);
  for (const p of state.processes) {
    const health = !alive(p.pid) ? 'exited' : p.name === 'api-server' ? (apiHealthy ? 'ready' : 'not answering') : 'running';
    process.stdout.write(`${p.name.padEnd(22)}${String(p.pid).padEnd(10)}${health}\n`);
  }
  process.stdout.write(`\nAPI ${state.apiUrl}   kubeconfig ${state.kubeconfig}\n`);
  return 0;
}

async function runDeschedule(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, options: { 'dry-run': { type: 'boolean', default: false }, strategies: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const dataDir = resolve(values['data-dir'] ?? '.kubelab');
  const strategies = values.strategies ? values.strategies.split(',').map((s) => s.trim()) : [...descheduleStrategies];
  const unknown = strategies.filter((s) => !(descheduleStrategies as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`unknown strategy(ies): ${unknown.join(', ')}; known: ${descheduleStrategies.join(', ')}`);
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) throw new UsageError(`no lab is running from ${dataDir}; start one with: kubelab up`);
  const lines = await deschedule(state.apiUrl, strategies as DescheduleStrategy[], values['dry-run']);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return up(rest);
    case 'down':
      return down(rest);
    case 'status':
      return status(rest);
    case 'deschedule':
      return runDeschedule(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(help);
      return command === undefined ? 2 : 0;
    default:
      throw new UnknownCommand(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    const badArguments = (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') || e instanceof UnknownCommand;
    process.stderr.write(`kubelab: ${e.message}\n${badArguments ? `\n${help}` : ''}`);
    process.exit(e instanceof UsageError || badArguments ? 2 : 1);
  },
);
