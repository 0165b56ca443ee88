/** The kubelab CLI's entry and its commands' work: `up`, `down`, `status`, `kubeconfig`, `deschedule`, `image`, `chaos`, and the event log for people (`events`, `why`, `replay`, `verify`, `check`, `export`, `import`). Their command line is cli/program.ts; every mistake gets a message that says what to fix. */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseGoDuration } from '@kubelab/api';
import { CatalogError, parseUserCatalog, UserImageError } from '@kubelab/images';
import { ScenarioError } from '@kubelab/learn';
import type { DescheduleStrategy } from '@kubelab/scheduling';
import { certDir, componentNames, isApiServer, type LabSettings } from './components.js';
import { addUser, UserError } from './user.js';
import { ChaosUsageError, describeStep, parseChaosCommand, postDrill, runRandom, type ChaosCommand } from './chaos/chaos-cli.js';
import { reasonOf, recordChaos, type ChaosTarget } from './chaos/chaos-events.js';
import { ChaosRefusal, parseChaosRequest, type ChaosRequest } from './chaos/chaos-requests.js';
import { composeDrill, detectEngine, engineRunner } from './chaos/compose-engine.js';
import { randomSchedule } from './chaos/random-schedule.js';
import { deschedule, descheduleStrategies } from './deschedule.js';
import {
  runKubelab, UsageError, type CheckOptions, type DataDirOption, type DatabaseOption, type DescheduleOptions, type EventsOptions, type ExportOptions, type ImageAddOptions, type JoinOptions, type UserAddOptions,
  type KubeconfigOptions, type LabApiOptions, type LearnOptions, type LogFilterOptions, type ReplayOptions, type UpOptions, type WhyOptions,
} from './cli/program.js';
import { showEvents } from './events.js';
import { exportLog, importLog, parseExport } from './export-import.js';
import { kubeconfigYaml, readKubeconfig, readLabCredentials } from './kubeconfig.js';
import { langOf, LearnError, runLearnCommand } from './learn/learn-cli.js';
import { logDatabaseOf, readLogFile, rememberLabDatabase } from './log-file.js';
import { isPostgresUrl, maskDatabase } from '@kubelab/event-store';
import pg from 'pg';
import { parseLogPoint, type LogPoint } from './log-range.js';
import { outputFormats, wantsColour, type OutputFormat } from './log-format.js';
import { replayAt, verify } from './replay.js';
import { checkFile, checkLab, formatReport, replayEqualsLive, reportFailed, skippedWithoutLab, watchOrder, type CheckReport } from './check.js';
import { InvariantChecker } from './invariants/invariant-checker.js';
import { resolveResourceType, why } from './why.js';
import { alive, readLabState, removeLabState, type LabState } from './lab-state.js';
import { describeProcesses, leftovers, stopLeftovers } from './leftovers.js';
import { trustKubeconfig, trustLabCa } from './lab-trust.js';
import { natsServers } from '@kubelab/bus';
import { addNodeUsers, adminNatsOptions, type NatsMember } from './nats-auth.js';
import { reloadLabNats } from './nats-reload.js';
import { joinCommand, joinLab } from './join.js';
import { addUserImage, imageTable, publishUserImages, readLabCatalog, readUserEntries, userCatalogFile } from './images.js';
import { freePort, portInUse, reachable } from './ports.js';
import { kubelabBin, workspaceRoot } from './workspace-root.js';
import { runLab } from './supervisor.js';
import { whatNext } from './what-next.js';

const root = workspaceRoot;

function positiveNumber(value: string | undefined, flag: string, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
}

async function up(values: UpOptions, argv: string[]): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  const apiPort = positiveNumber(values.apiPort, 'api-port', 6443);
  const selected = values.components ? values.components.split(',').map((c) => c.trim()) : componentNames;
  const unknown = selected.filter((c) => !componentNames.includes(c));
  if (unknown.length) throw new UsageError(`unknown component(s): ${unknown.join(', ')}; known: ${componentNames.join(', ')}`);
  const existing = readLabState(dataDir);
  if (existing && alive(existing.supervisorPid)) {
    throw new UsageError(`a lab is already running from ${dataDir} (pid ${existing.supervisorPid}); stop it with: kubelab down --data-dir ${dataDir}`);
  }
  if (existing) {
    // Its processes may still hold the ports this lab is about to use.
    await stopLeftoversOf(existing, dataDir, (text) => process.stdout.write(text));
    removeLabState(dataDir);
  }
  if (await portInUse(apiPort)) {
    throw new UsageError(`port ${apiPort} on 127.0.0.1 is already in use (another lab or program); stop it or choose another with --api-port`);
  }
  let natsUrl = values.natsUrl;
  let startNats = selected.includes('nats');
  const clusterSize = natsClusterSize(values);
  const natsListen = values.natsListen ?? '127.0.0.1';
  if (isIP(natsListen) === 0) throw new UsageError(`--nats-listen takes an IP address such as 0.0.0.0 (every address) or 127.0.0.1, got "${natsListen}"`);
  if (natsUrl) {
    const u = new URL(natsServersOf(natsUrl)[0]);
    if (await reachable(u.hostname, Number(u.port || 4222))) startNats = false;
    else if (!startNats) throw new UsageError(`no NATS server answers at ${natsUrl}`);
    if (!startNats && values.natsListen !== undefined) throw new UsageError(`--nats-listen is for the NATS the lab starts, and the one at ${natsUrl} runs already`);
  }
  // Ports this lab will listen on, so that the ones it picks for itself never fall on them.
  const taken = [apiPort, ...(values.dashboardPort ? [Number(values.dashboardPort)] : [])];
  const natsCluster = clusterSize ? await natsMembers(clusterSize, taken) : [];
  if (natsCluster.length) natsUrl = natsCluster.map((m) => `nats://127.0.0.1:${m.port}`).join(',');
  if (!natsUrl) {
    const natsPort = await freePort(taken);
    taken.push(natsPort);
    natsUrl = `nats://127.0.0.1:${natsPort}`;
  }
  const database = values.database ?? process.env.KUBELAB_DATABASE;
  const apiServers = positiveNumber(values.apiServers, 'api-servers', 1);
  if (apiServers > 1 && (database === undefined || !isPostgresUrl(database))) {
    throw new UsageError(`--api-servers ${apiServers} needs an event log they can share: give --database postgres://…; a SQLite file takes one api-server`);
  }
  const moreApiPorts: number[] = [];
  for (let i = 1; i < apiServers; i++) {
    moreApiPorts.push(await freePort(taken));
    taken.push(moreApiPorts[moreApiPorts.length - 1]);
  }
  if (database !== undefined) await checkDatabase(database);
  mkdirSync(dataDir, { recursive: true });
  if (database !== undefined) rememberLabDatabase(dataDir, database);
  if (values.detach) return detach(withoutDatabase(argv), dataDir, database);
  const settings: LabSettings = {
    root, dataDir, apiPort, ...(moreApiPorts.length ? { moreApiPorts } : {}), natsUrl, natsCluster, natsListen, nodes: positiveNumber(values.nodes, 'nodes', 3),
    timeScale: positiveNumber(values.timeScale, 'time-scale', 1, false),
    controlPort: await freePort(taken), dashboardPort: positiveNumber(values.dashboardPort, 'dashboard-port', (await portInUse(6480)) ? await freePort(taken) : 6480),
    insecureHttp: values.insecureHttp ?? false, recordWatchDeliveries: values.recordWatchDeliveries ?? false,
    ...(database ? { database } : {}),
  };
  process.stdout.write(`kubelab: starting ${selected.join(', ')} (data in ${dataDir})\n`);
  return runLab(settings, selected, startNats);
}

/** The members of `kubelab up --nats-cluster N`: at least three, so JetStream keeps a quorum when one is lost; none without the flag. */
function natsClusterSize(values: UpOptions): number | undefined {
  if (values.natsCluster === undefined) return undefined;
  const size = Number(values.natsCluster);
  if (!Number.isInteger(size) || size < 3) throw new UsageError(`--nats-cluster must be a whole number of members, at least 3 (JetStream's quorum survives one lost), got "${values.natsCluster}"`);
  if (values.natsUrl !== undefined) throw new UsageError('--nats-cluster starts the lab\'s own NATS cluster; --nats-url names NATS servers already running: give one or the other');
  return size;
}

/** nats-1 … nats-N on free ports of 127.0.0.1, a client port and a route port each. */
async function natsMembers(size: number, taken: number[]): Promise<NatsMember[]> {
  const members: NatsMember[] = [];
  for (let i = 1; i <= size; i++) {
    const port = await freePort(taken);
    taken.push(port);
    const clusterPort = await freePort(taken);
    taken.push(clusterPort);
    members.push({ name: `nats-${i}`, port, clusterPort });
  }
  return members;
}

/** The servers a --nats-url names; a UsageError when one is no NATS URL. */
function natsServersOf(natsUrl: string): string[] {
  try {
    return natsServers(natsUrl);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `kubelab up --database URL` is given a PostgreSQL that answers; the message names the URL without its password. */
async function checkDatabase(database: string): Promise<void> {
  if (!isPostgresUrl(database)) throw new UsageError(`--database takes a postgres://USER:PASSWORD@HOST:PORT/DB URL (a lab's SQLite log is DIR/events.sqlite, the default), got "${maskDatabase(database)}"`);
  const client = new pg.Client({ connectionString: database, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new UsageError(`no PostgreSQL answers at ${maskDatabase(database)} (${(e as Error).message}); start one (Debian/Ubuntu: sudo apt-get install -y postgresql) and create the database, or fix the URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The `up` arguments without --database URL: the background `up` gets it in its environment, out of `ps`. */
function withoutDatabase(argv: string[]): string[] {
  return argv.filter((a, i) => a !== '--database' && argv[i - 1] !== '--database' && !a.startsWith('--database='));
}

/** Starts the same `up` in the background and returns once it is ready. */
async function detach(argv: string[], dataDir: string, database?: string): Promise<number> {
  const log = join(dataDir, 'logs');
  mkdirSync(log, { recursive: true });
  const fd = openSync(join(log, 'kubelab.log'), 'a');
  const args = [kubelabBin, 'up', ...argv.filter((a) => a !== '--detach')];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...(database ? { KUBELAB_DATABASE: database } : {}) } });
  child.unref();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const state = readLabState(dataDir);
    if (state?.ready) {
      const lines = whatNext(state, dataDir, process.cwd(), `stop it with: kubelab down --data-dir ${dataDir}`);
      process.stdout.write(`kubelab is up (pid ${state.supervisorPid}).\n${lines.map((l) => `${l}\n`).join('')}`);
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

/** The lab in the data dir was not stopped cleanly: the supervisor is gone; stops what it left and says so. */
async function stopLeftoversOf(state: LabState, dataDir: string, say: (text: string) => void): Promise<void> {
  const left = leftovers(state);
  const unclean = `kubelab: the lab in ${dataDir} was not stopped cleanly (supervisor pid ${state.supervisorPid} is gone)`;
  if (left.length === 0) return say(`${unclean}; none of its processes is left\n`);
  say(`${unclean}; stopping its leftover processes: ${describeProcesses(left)}\n`);
  await stopLeftovers(left);
}

async function down(values: DataDirOption): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  const state = readLabState(dataDir);
  if (!state) {
    process.stdout.write(`kubelab: no lab is running from ${dataDir}\n`);
    return 0;
  }
  if (!alive(state.supervisorPid)) {
    await stopLeftoversOf(state, dataDir, (text) => process.stdout.write(text));
    removeLabState(dataDir);
    process.stdout.write(`kubelab: stopped the lab in ${dataDir}\n`);
    return 0;
  }
  process.kill(state.supervisorPid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (alive(state.supervisorPid) || leftovers(state).length > 0)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopLeftovers(leftovers(state), 0);
  removeLabState(dataDir);
  process.stdout.write(`kubelab: stopped the lab in ${dataDir}\n`);
  return 0;
}

async function status(values: DataDirOption): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
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
  return 0;
}

/** The CLI talks to one lab: its fetches trust that lab's CA. */
function trustApi(state: LabState): void {
  if (state.caFile && !trustLabCa(state.caFile)) throw new UsageError(`the lab's CA ${state.caFile} is missing; restart the lab (kubelab down, then kubelab up) to make a new one`);
}

async function kubeconfig(values: KubeconfigOptions): Promise<number> {
  if (values.server !== undefined && !URL.canParse(values.server)) throw new UsageError(`--server must be a URL such as https://127.0.0.1:6443, got "${values.server}"`);
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  const state = readLabState(dataDir);
  const server = values.server ?? (state && alive(state.supervisorPid) ? state.apiUrl : undefined) ?? 'https://127.0.0.1:6443';
  const pki = values.certDir ?? certDir(dataDir);
  const credentials = new URL(server).protocol === 'https:' ? readLabCredentials(pki) : undefined;
  if (new URL(server).protocol === 'https:' && !credentials) {
    if (values.certDir !== undefined) throw new UsageError(`--cert-dir ${pki} lacks ca.crt, admin.crt or admin.key: give the api-server's --cert-dir`);
    process.stderr.write(`kubelab: no lab CA in ${pki}, so kubectl will not trust ${server}: give the api-server's --cert-dir with --cert-dir\n`);
  }
  process.stdout.write(kubeconfigYaml(server, credentials));
  return 0;
}

async function runDeschedule(values: DescheduleOptions): Promise<number> {
  const strategies = values.strategies ? values.strategies.split(',').map((s) => s.trim()) : [...descheduleStrategies];
  const unknown = strategies.filter((s) => !(descheduleStrategies as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`unknown strategy(ies): ${unknown.join(', ')}; known: ${descheduleStrategies.join(', ')}`);
  const state = runningLab(values.dataDir);
  const lines = await deschedule(state.apiUrl, strategies as DescheduleStrategy[], values.dryRun ?? false);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

/** The lab running from the data dir; a UsageError when none is. */
function runningLab(dataDirFlag: string | undefined) {
  const dataDir = resolve(dataDirFlag ?? '.kubelab');
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) {
    throw new UsageError(`no lab is running from ${dataDir}; start one with: kubelab up (for the compose lab, add --kubeconfig ${join(dataDir, 'compose-kubeconfig')})`);
  }
  trustApi(state);
  return state;
}

/** The API a kubeconfig names (the compose lab's), trusting its CA and presenting its client certificate. */
function kubeconfigApi(file: string): string {
  const config = readKubeconfig(resolve(file));
  if (typeof config === 'string') throw new UsageError(`--kubeconfig: ${config}`);
  if (config.credentials) trustKubeconfig(config.credentials);
  return config.server.replace(/\/$/, '');
}

/** The API of the lab: the one --kubeconfig names (the compose lab), else the lab running from the data dir. */
const labApi = (values: LabApiOptions): string =>
  values.kubeconfig !== undefined ? kubeconfigApi(values.kubeconfig) : runningLab(values.dataDir).apiUrl;

const engines = ['up', 'compose', 'docker', 'podman'];
const flagText = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

async function runChaos(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: false, options: { 'data-dir': { type: 'string' }, engine: { type: 'string' }, kubeconfig: { type: 'string' } } });
  let command;
  try {
    command = parseChaosCommand(argv);
  } catch (e) {
    throw e instanceof ChaosUsageError ? new UsageError(e.message) : e;
  }
  const engine = flagText(values.engine);
  if (engine !== undefined && !engines.includes(engine)) throw new UsageError(`--engine must be one of ${engines.join(', ')}, got "${engine}"`);
  const dataDir = resolve(flagText(values['data-dir']) ?? '.kubelab');
  const kubeconfig = flagText(values.kubeconfig) ?? join(dataDir, 'compose-kubeconfig');
  const state = readLabState(dataDir);
  const supervised = state !== undefined && alive(state.supervisorPid);
  if (engine === undefined ? !supervised && existsSync(kubeconfig) : engine !== 'up') return runComposeChaos(command, engine === 'docker' || engine === 'podman' ? engine : undefined, kubeconfig);
  const lab = runningLab(flagText(values['data-dir']));
  if (command.kind === 'drill') {
    const answer = await postDrill(lab.controlUrl, command.action, command.body);
    (answer.ok ? process.stdout : process.stderr).write(`${answer.ok ? 'chaos' : 'kubelab'}: ${answer.message}\n`);
    return answer.ok ? 0 : 1;
  }
  const nodes = lab.processes.filter((p) => p.name.startsWith('kubelet-agent/')).map((p) => p.name.slice('kubelet-agent/'.length));
  const steps = randomSchedule({ seed: command.seed, durationSeconds: command.durationSeconds, actions: command.actions, nodes });
  process.stdout.write(`chaos random: seed ${command.seed}, ${command.durationSeconds}s of lab time (${(command.durationSeconds / lab.timeScale).toFixed(1)} s real), ${steps.length} steps\n`);
  if (command.dryRun) {
    process.stdout.write(steps.map((s) => `${describeStep(s)}\n`).join(''));
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const held = await runRandom(lab, steps, (line) => process.stdout.write(`${line}\n`), stop.signal, { check: command.check, workload: command.workload });
  return held ? 0 : 1;
}

/** Waits, up to a minute, for the API to answer again (after a start of the api-server or NATS). */
async function apiAnswers(apiUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const ready = () => fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  while (Date.now() < deadline && !(await ready())) await new Promise((r) => setTimeout(r, 500));
}

/** A drill on the compose lab, through its container engine; the Event goes to the API the kubeconfig names. */
async function runComposeChaos(command: ChaosCommand, engineFlag: string | undefined, kubeconfig: string): Promise<number> {
  if (command.kind !== 'drill') throw new UsageError('chaos random needs the supervisor of kubelab up; in the compose lab, run drills one at a time');
  const engine = await detectEngine(engineFlag);
  if (!engine) throw new UsageError('no container engine answers: start Docker or install podman to drill the compose lab (or run the lab with kubelab up)');
  const apiUrl = kubeconfigApi(kubeconfig);
  const record = async (target: ChaosTarget, action: string, message: string) => {
    if (action === 'start') await apiAnswers(apiUrl);
    const problem = await recordChaos(apiUrl, target, reasonOf(action), `chaos: ${message}`);
    return problem ? `${message} (not in the event log: ${problem})` : message;
  };
  const drill = (request: ChaosRequest) => composeDrill(engineRunner(engine), engine, process.env.COMPOSE_PROJECT_NAME || undefined, request, record);
  try {
    const request = parseChaosRequest(command.action, command.body);
    process.stdout.write(`chaos: ${await drill(request)}\n`);
    if (request.action === 'partition' && request.forSeconds) {
      const timeScale = Number(process.env.KUBELAB_TIME_SCALE) > 0 ? Number(process.env.KUBELAB_TIME_SCALE) : 1;
      await new Promise((r) => setTimeout(r, (request.forSeconds! * 1000) / timeScale));
      process.stdout.write(`chaos: ${await drill({ action: 'heal', node: request.node })}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ChaosRefusal)) throw e;
    process.stderr.write(`kubelab: ${e.message}\n`);
    return 1;
  }
}

async function runLearn(command: string, name: string | undefined, values: LearnOptions): Promise<number> {
  if (values.output !== undefined && values.output !== 'json') throw new UsageError(`-o takes json, got "${values.output}"`);
  try {
    const lang = langOf(values.lang, process.env);
    const dataDir = resolve(values.dataDir ?? '.kubelab');
    const scenariosDir = join(root, 'libs/learn/scenarios');
    const lab = command === 'list' ? { apiUrl: '', timeScale: 1, kubeconfig: '' }
      : values.kubeconfig !== undefined ? { apiUrl: kubeconfigApi(values.kubeconfig), timeScale: Number(process.env.KUBELAB_TIME_SCALE) > 0 ? Number(process.env.KUBELAB_TIME_SCALE) : 1, kubeconfig: resolve(values.kubeconfig) }
      : runningLab(values.dataDir);
    // A scenario's chaos drill goes to the same lab: the one of the data dir, or the compose lab of the kubeconfig.
    const labFlags = values.kubeconfig !== undefined ? ['--kubeconfig', resolve(values.kubeconfig)] : ['--data-dir', dataDir];
    const kubelab = (args: string[]) => new Promise<void>((done, fail) => {
      execFile(process.execPath, [kubelabBin, ...args, ...labFlags], { timeout: 120_000 }, (error, _stdout, stderr) =>
        (error ? fail(new LearnError(`kubelab ${args.join(' ')}: ${stderr.trim() || error.message}`)) : done()));
    });
    return await runLearnCommand({ apiUrl: lab.apiUrl, timeScale: lab.timeScale, kubeconfig: lab.kubeconfig, kubelab, dataDir, scenariosDir }, command, name, lang, (line) => process.stdout.write(`${line}\n`), values.output === 'json');
  } catch (e) {
    throw e instanceof LearnError || e instanceof ScenarioError ? new UsageError(e.message) : e;
  }
}

function logPoint(value: string, flag: string): LogPoint {
  const point = parseLogPoint(value, new Date());
  if (!point) throw new UsageError(`--${flag} takes a seq (1200), a duration ago (30s, 5m, 1h30m) or an RFC 3339 time, got "${value}"`);
  return point;
}

function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'table';
  if (!(outputFormats as readonly string[]).includes(value)) throw new UsageError(`-o must be one of ${outputFormats.join(', ')}, got "${value}"`);
  return value as OutputFormat;
}

/** The query of GET /kubelab/v1/events from the filter flags. */
function logParams(values: LogFilterOptions): Record<string, string | undefined> {
  const since = values.since === undefined ? undefined : logPoint(values.since, 'since');
  const kind = values.kind === undefined ? undefined : resolveResourceType(values.kind)?.kind ?? values.kind;
  return {
    since: since && 'seq' in since ? String(since.seq) : undefined, sinceTime: since && 'time' in since ? since.time : undefined,
    kind, namespace: values.namespace, name: values.name, type: values.type, actor: values.actor,
  };
}

/** `kubelab events | head` closes the pipe early: that ends the command, quietly. */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
}

async function runEvents(values: EventsOptions): Promise<number> {
  const format = outputFormat(values.output);
  const apiUrl = labApi(values);
  endQuietlyOnClosedPipe();
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const options = { params: logParams(values), follow: values.follow ?? false, format, colour: wantsColour(process.stdout, process.env) };
  await showEvents(apiUrl, options, (text) => process.stdout.write(text), stop.signal);
  return 0;
}

async function runWhy(target: string, values: WhyOptions): Promise<number> {
  const [kindText, name] = target.split('/');
  if (!name) throw new UsageError('why takes one KIND/NAME, e.g. kubelab why pod/web-5d8f9-x7k2p');
  const t = resolveResourceType(kindText);
  if (!t) throw new UsageError(`unknown kind "${kindText}": use a resource such as pod, node, deployment, replicaset, service`);
  const lines = await why(labApi(values), t, values.namespace ?? 'default', name, wantsColour(process.stdout, process.env));
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

async function runReplay(values: ReplayOptions): Promise<number> {
  if (values.at === undefined) throw new UsageError('replay needs --at SEQ|DURATION|TIME: the point of the log to rebuild the cluster at');
  const point = logPoint(values.at, 'at');
  const lines = await replayAt(labApi(values), point, outputFormat(values.output));
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

async function runVerify(values: LabApiOptions): Promise<number> {
  const result = await verify(labApi(values));
  process.stdout.write(result.lines.map((l) => `${l}\n`).join(''));
  return result.agree ? 0 : 1;
}

async function runCheck(values: CheckOptions): Promise<number> {
  const settleMs = values.settle === undefined ? 60_000 : parseGoDuration(values.settle);
  if (settleMs === undefined || settleMs <= 0) throw new UsageError(`--settle takes a duration of lab time such as 60s or 2m, got "${values.settle}"`);
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  const state = readLabState(dataDir);
  const running = state && alive(state.supervisorPid);
  // A stopped lab's time scale is unknown (lab.json goes with it): wall-clock seconds only make the windows longer.
  const checker = new InvariantChecker({ settleSeconds: settleMs / 1000, timeScale: running ? state.timeScale : 1 });
  let report: CheckReport;
  if (running) {
    trustApi(state);
    await checkLab(state.apiUrl, checker, 0);
    const invariants = checker.report();
    report = { ...invariants, results: [...invariants.results, await replayEqualsLive(state.apiUrl), await watchOrder(state.apiUrl)] };
  } else {
    const file = logDatabaseOf(dataDir, values.database);
    if (!isPostgresUrl(file) && !existsSync(file)) throw new UsageError(`no lab is running from ${dataDir} and it holds no event log (${file}); start one with kubelab up, or give the --data-dir of a lab (or the --database of one on PostgreSQL)`);
    const readable = await checkFile(file, checker);
    const invariants = checker.report();
    report = { ...invariants, results: [readable, ...invariants.results, skippedWithoutLab('replay-equals-live'), skippedWithoutLab('watch-order')] };
  }
  process.stdout.write(formatReport(report).map((l) => `${l}\n`).join(''));
  return reportFailed(report) ? 1 : 0;
}

async function runExport(values: ExportOptions): Promise<number> {
  if (values.until !== undefined && !/^\d+$/.test(values.until)) throw new UsageError(`--until takes a seq (a whole number), got "${values.until}"`);
  endQuietlyOnClosedPipe();
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  const state = readLabState(dataDir);
  if (state && alive(state.supervisorPid)) {
    trustApi(state);
    await exportLog(state.apiUrl, { ...logParams(values), until: values.until }, (chunk) => process.stdout.write(chunk));
    return 0;
  }
  return exportStoppedLab(dataDir, values);
}

/** The process exits right after a command: a pipe must have taken every line first (a full pipe makes stdout's writes wait). */
function stdoutFlushed(): Promise<unknown> {
  return new Promise((flushed) => process.stdout.write('', flushed));
}

/** Export straight from the file of a lab that is not running: how the good part of a damaged log is kept. */
async function exportStoppedLab(dataDir: string, values: ExportOptions): Promise<number> {
  const filtered = (['kind', 'namespace', 'name', 'type', 'actor'] as const).filter((f) => values[f] !== undefined);
  if (filtered.length) throw new UsageError(`no lab is running from ${dataDir}: export from its file takes only --since SEQ and --until SEQ (not --${filtered[0]}); start the lab for filters`);
  const since = values.since === undefined ? undefined : logPoint(values.since, 'since');
  if (since && !('seq' in since)) throw new UsageError(`no lab is running from ${dataDir}: export from its file takes --since as a seq, got "${values.since}"`);
  const file = logDatabaseOf(dataDir, values.database);
  const read = await readLogFile(file, { afterSeq: since?.seq, until: values.until === undefined ? undefined : Number(values.until) }, (e) => process.stdout.write(`${JSON.stringify(e)}\n`));
  if (!read.damage) return 0;
  process.stderr.write(`kubelab: ${maskDatabase(file)} cannot be read after seq ${read.lastGood} (${read.damage}); the events up to seq ${read.lastGood} were exported\n`);
  return 1;
}

async function runImport(file: string, values: DataDirOption & DatabaseOption): Promise<number> {
  if (!values.dataDir) throw new UsageError('import needs --data-dir NEW_DIR: the new lab to write the log into');
  const dataDir = resolve(values.dataDir);
  const state = readLabState(dataDir);
  if (state && alive(state.supervisorPid)) throw new UsageError(`a lab is running from ${dataDir}; import into a new data dir`);
  const records = parseExport(readFileSync(file === '-' ? 0 : file, 'utf8'));
  if (values.database !== undefined && !isPostgresUrl(values.database)) throw new UsageError(`--database takes a postgres:// URL, got "${maskDatabase(values.database)}"`);
  const written = await importLog(records, dataDir, values.database);
  const database = values.database ? ` --database '${maskDatabase(values.database)}'` : '';
  process.stdout.write(`kubelab: imported ${records.length} events (seq 1–${records.length}) into ${written}\n  start it with: kubelab up --data-dir ${dataDir}${database}\n`);
  return 0;
}

/** The lab's catalog and the data dir's additions; a broken user catalog is the user's to fix. */
function catalogs(dataDir: string) {
  const lab = readLabCatalog(root);
  try {
    return { lab, entries: readUserEntries(dataDir, lab) };
  } catch (e) {
    if (e instanceof CatalogError) throw new UsageError(`${userCatalogFile(dataDir)} is not usable; fix it:\n  ${e.problems.join('\n  ')}`);
    throw e;
  }
}

async function imageList(repository: string | undefined, values: DataDirOption): Promise<number> {
  const { lab, entries } = catalogs(resolve(values.dataDir ?? '.kubelab'));
  const lines = imageTable(lab, parseUserCatalog({ repositories: entries }, lab), repository);
  if (lines.length === 0) throw new UsageError(`no repository ${repository} in the catalog; kubelab image list shows them all`);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

async function imageAdd(reference: string, values: ImageAddOptions): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  if (values.like === undefined) throw new UsageError('image add needs --like IMAGE: the catalog image it behaves as, e.g. --like nginx (kubelab image list shows them)');
  if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port must be a whole number between 1 and 65535, got "${values.port}"`);
  const { lab } = catalogs(dataDir);
  mkdirSync(dataDir, { recursive: true });
  let entry;
  try {
    entry = addUserImage(dataDir, lab, { reference, like: values.like, port: values.port === undefined ? undefined : Number(values.port) });
  } catch (e) {
    throw e instanceof UserImageError ? new UsageError(e.message) : e;
  }
  const [tag] = entry.tags;
  const state = readLabState(dataDir);
  // A lab without a supervisor here (docker compose, agents elsewhere) is reached by its NATS URL.
  const natsUrl = values.natsUrl ?? (state !== undefined && alive(state.supervisorPid) ? state.natsUrl : undefined);
  const running = natsUrl !== undefined;
  if (natsUrl !== undefined) await publishUserImages(natsUrl, [entry], { replace: false }, adminNatsOptions(dataDir));
  const listening = tag.behaviour ? `, listening on ${tag.behaviour.listens.join(',')}` : '';
  process.stdout.write(`kubelab: added ${entry.name}:${tag.tag} (like ${tag.like}${listening}) to ${userCatalogFile(dataDir)}\n`);
  process.stdout.write(running ? 'the lab\'s nodes can pull it now\n' : `the lab's nodes can pull it once it runs (kubelab up --data-dir ${dataDir})\n`);
  return 0;
}

async function userAdd(name: string, values: UserAddOptions): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  try {
    process.stdout.write(`kubelab: ${await addUser(certDir(dataDir), join(dataDir, 'kubeconfig'), name, values.group ?? [], new Date())}\n`);
  } catch (e) {
    throw e instanceof UserError ? new UsageError(e.message) : e;
  }
  return 0;
}

async function nodeAdd(names: string[], values: DataDirOption): Promise<number> {
  const dataDir = resolve(values.dataDir ?? '.kubelab');
  let seeds: string[];
  try {
    seeds = addNodeUsers(dataDir, names);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const state = readLabState(dataDir);
  const natsUrl = state?.natsUrl ?? 'nats://HOST:4222';
  const when = (await reloadLabNats(dataDir, state, seeds[0])) ? 'the running lab' : `the lab once it runs (kubelab up --data-dir ${dataDir})`;
  process.stdout.write(`kubelab: ${names.join(', ')} may join ${when}; start each agent with
`);
  for (const [i, name] of names.entries()) process.stdout.write(`  kubelet-agent --node-name ${name} --nats-url ${natsUrl} --nats-nkey ${seeds[i]}
`);
  return 0;
}

const commands = {
  up, down, status, kubeconfig, deschedule: runDeschedule, events: runEvents, why: runWhy, replay: runReplay, verify: runVerify,
  check: runCheck, export: runExport, import: runImport, chaos: runChaos, imageAdd, imageList, learn: runLearn, userAdd, nodeAdd,
  joinCommand, join: (options: JoinOptions) => joinLab(root, options),
};

runKubelab(commands, process.argv.slice(2)).then(async (code) => {
  await stdoutFlushed();
  process.exit(code);
});
