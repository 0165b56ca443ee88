/** `kubelab status`: the lab's processes, their state and restarts, and where its API, kubeconfig and dashboard (its login link) are. */
import { labSecretFile, readSecret } from '@kubelab/bus';
import { Command } from 'commander';
import { trustApi } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { dashboardLoginUrl, isApiServer } from '../components.js';
import { alive, readLabState } from '../lab-state.js';
import { leftovers } from '../leftovers.js';

/** `kubelab status` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('status').summary('the lab\'s processes and their state').description('the lab\'s processes, their state and restarts; exit 3 when no lab runs').addOption(dataDirOption())
    .action(async (options: DataDirOption) => done(await work(options)));
}

/** The table of the lab's processes; exit 3 when no lab runs from the data dir. */
export async function run(values: DataDirOption): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 3;
  }
  const table = (rows: string[][]) => rows.map(([name, pid, health, restarts]) => `${name.padEnd(28)}${pid.padEnd(10)}${health.padEnd(32)}${restarts}\n`).join('');
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
    const health = !alive(p.pid) ? (p.state === 'stopped' ? 'killed' : 'exited')
      : p.state === 'paused' ? 'paused'
      : isApiServer(p.name) ? (apiHealthy[apiIndex(p.name)] ? 'ready' : 'not answering') : 'running';
    return [p.name, String(p.pid), `${health}${p.partitioned ? ', partitioned from NATS' : ''}`, String(p.restarts)];
  });
  process.stdout.write(table([header, ...rows]));
  process.stdout.write(`\nAPI ${apiUrls.join(' ')}   kubeconfig ${state.kubeconfig}\n`);
  if (state.database) process.stdout.write(`event log ${state.database}\n`);
  const secret = readSecret(labSecretFile(dataDir));
  if (state.dashboardUrl && secret) process.stdout.write(`dashboard ${dashboardLoginUrl(state.dashboardUrl, secret)}   (the link signs a browser in)\n`);
  return 0;
}
