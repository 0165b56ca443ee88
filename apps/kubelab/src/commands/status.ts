/**
 * `kubelab status`: the lab's processes, their state, restarts and memory, where its API, kubeconfig, dashboard (its login link)
 * and Ingress controller are, and what of it the host reaches (node ports, load balancers, Ingresses); with --slo, then
 * sig-scalability's SLOs of the lab as it ran (lab-slo.ts).
 */
import type { Ingress, Service } from '@kubelab/api';
import { labSecretFile, readSecret } from '@kubelab/bus';
import { Command } from 'commander';
import { trustApi } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { dashboardLoginUrl, isApiServer } from '../components.js';
import type { Gateway } from '../host-ports/gateway-api.js';
import { hostReach, type HostReach } from '../host-ports/host-reach.js';
import { labSlo } from '../lab-slo.js';
import { alive, readLabState, type LabState } from '../lab-state.js';
import { leftovers } from '../leftovers.js';
import { mib, processMemory } from '../process-memory.js';

export interface StatusOptions extends DataDirOption {
  slo?: boolean;
}

/** `kubelab status` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('status').summary('the lab\'s processes and their state')
    .description('the lab\'s processes, their state and restarts, and with --slo the lab\'s SLOs; exit 3 when no lab runs')
    .option('--slo', 'then sig-scalability\'s SLOs of the lab as it ran, as the density bench prints them: PodStartupLatency from the pods\' timestamps, '
      + 'APIResponsiveness from the api-server\'s apiserver_request_duration_seconds since it started, SchedulingThroughput; each PASS, FAIL or NO DATA')
    .addOption(dataDirOption())
    .action(async (options: StatusOptions) => done(await work(options)));
}

/** The table of the lab's processes, and with --slo its SLOs; exit 3 when no lab runs from the data dir, 1 when the SLOs cannot be read. */
export async function run(values: StatusOptions): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 3;
  }
  // As wide as the longest name (an agent of several nodes, kubelet-agent/node-1..node-10), at least 28.
  const width = Math.max(28, ...state.processes.map((p) => p.name.length + 2));
  const table = (rows: string[][]) => rows.map(([name, pid, health, restarts, memory]) => `${name.padEnd(width)}${pid.padEnd(10)}${health.padEnd(32)}${memory === undefined ? restarts : `${restarts.padEnd(10)}${memory}`}\n`).join('');
  const header = ['COMPONENT', 'PID', 'STATUS', 'RESTARTS'];
  if (!alive(state.supervisorPid)) {
    const left = leftovers(state);
    const gone = `kubelab: no lab is running from ${dataDir}: its supervisor (pid ${state.supervisorPid}) is gone without stopping it`;
    if (left.length === 0) process.stdout.write(`${gone}, and none of its processes is left\n`);
    else {
      process.stdout.write(`${gone}; these of its processes still run:\n${table([header, ...left.map((p) => [p.name, String(p.pid), 'leftover', String(p.restarts)])])}`);
      process.stdout.write(`stop them with: kubelab down --data-dir ${dataDir}\n`);
    }
    return 3;
  }
  trustApi(state);
  const apiUrls = state.apiUrls ?? [state.apiUrl];
  const apiHealthy = await Promise.all(apiUrls.map((url) => fetch(`${url}/readyz`).then((r) => r.ok, () => false)));
  const apiIndex = (name: string) => (name === 'api-server' ? 0 : Number(name.slice('api-server-'.length)) - 1);
  const rows = state.processes.map((p) => {
    // A thread of the thread host: its own state says whether it runs, the host's row its memory.
    const runs = alive(p.pid) && (!p.thread || p.state === 'running' || p.state === 'paused');
    const health = !runs ? (p.state === 'stopped' ? 'killed' : 'exited')
      : p.state === 'paused' ? 'paused'
      : isApiServer(p.name) ? (apiHealthy[apiIndex(p.name)] ? 'ready' : 'not answering') : 'running';
    const memory = runs && !p.thread ? processMemory(p.pid) : undefined;
    return { row: [p.name, String(p.pid), `${health}${p.partitioned ? ', partitioned from NATS' : ''}`, String(p.restarts), memory ? mib(memory.rssKiB) : '-'], memory };
  });
  const supervisor = processMemory(state.supervisorPid, true);
  const measured = [supervisor, ...rows.map((r) => r.memory)].filter((m) => m !== undefined);
  process.stdout.write(table([[...header, 'RSS'], ...rows.map((r) => r.row), ['kubelab up (supervisor)', String(state.supervisorPid), 'running', '0', supervisor ? mib(supervisor.rssKiB) : '-']]));
  if (measured.length) {
    const sum = (field: 'rssKiB' | 'pssKiB') => mib(measured.reduce((total, m) => total + m[field], 0));
    process.stdout.write(`memory: ${sum('rssKiB')} RSS, ${sum('pssKiB')} PSS (each shared page counted once) for the whole lab\n`);
  }
  process.stdout.write(`\nAPI ${apiUrls.join(' ')}   kubeconfig ${state.kubeconfig}\n`);
  if (state.database) process.stdout.write(`event log ${state.database}\n`);
  const secret = readSecret(labSecretFile(dataDir));
  if (state.dashboardUrl && secret) process.stdout.write(`dashboard ${dashboardLoginUrl(state.dashboardUrl, secret)}   (the link signs a browser in)\n`);
  if (state.ingressUrls) process.stdout.write(`ingress ${state.ingressUrls.http} ${state.ingressUrls.https}   (the Ingress controller, IngressClass nginx)\n`);
  const reach = await reachable(state);
  if (reach.length) {
    const rows = [['KIND', 'NAMESPACE/NAME', 'PORT', 'FROM THE HOST'], ...reach.map((r) => [r.kind, r.name, r.port, r.url])];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)) + 3);
    process.stdout.write(`\nwhat the host reaches:\n${rows.map((row) => `${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('')}\n`).join('')}`);
  }
  if (values.slo) {
    try {
      process.stdout.write(await labSlo(apiUrls, state.timeScale));
    } catch (e) {
      process.stderr.write(`kubelab: no SLOs: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  return 0;
}

/** The Services, Ingresses and Gateways the host reaches, as the API lists them now; none when it does not answer. */
async function reachable(state: LabState): Promise<HostReach[]> {
  const items = async <T>(path: string) => fetch(`${state.apiUrl}${path}`).then(async (r) => (r.ok ? ((await r.json()) as { items: T[] }).items : []), () => []);
  return hostReach(
    await items<Service>('/api/v1/services'), await items<Ingress>('/apis/networking.k8s.io/v1/ingresses'), await items<Gateway>('/apis/gateway.networking.k8s.io/v1/gateways'), state.ingressUrls,
  );
}
