/**
 * `kubelab chaos`: the drills (kill-agent, partition, crash, …), each a command with its own
 * argument and options, and `chaos random`, a reproducible chaos-monkey run of them. Most drills
 * also work without "chaos" (kubelab start-agent node-2). commander checks the line; the work
 * parses it again as typed (parseChaosCommand), the same parser the dashboard's requests meet.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Command } from 'commander';
import { ChaosUsageError, describeStep, parseChaosCommand, postDrill, runRandom, type ChaosCommand } from '../chaos/chaos-cli.js';
import { reasonOf, recordChaos, type ChaosTarget } from '../chaos/chaos-events.js';
import { ChaosRefusal, chaosActions, parseChaosRequest, type ChaosAction, type ChaosRequest } from '../chaos/chaos-requests.js';
import { composeDrill, detectEngine, engineRunner } from '../chaos/compose-engine.js';
import { defaultRandomActions, randomActions, randomSchedule } from '../chaos/random-schedule.js';
import { composeTimeScale, kubeconfigApi, labControl, runningLab } from '../cli/lab.js';
import { dataDirOf, dataDirOption, kubeconfigOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { agentNodes, alive, readLabState } from '../lab-state.js';

type DrillArgument = 'NODE' | 'SERVICE' | 'POD';

const podOptions = (cmd: Command) =>
  cmd.option('-n, --namespace <NS>', 'the pod\'s namespace (default: default)').option('-c, --container <CONTAINER>', 'the container (default: the first)');

/** Each drill's argument and its own options; every drill also takes --data-dir, --engine and --kubeconfig. */
const drills: Record<ChaosAction, { argument: DrillArgument; summary: string; options: (cmd: Command) => Command }> = {
  'kill-agent': { argument: 'NODE', summary: 'kill a node\'s kubelet-agent', options: (c) => c.option('--signal <KILL|TERM>', 'the signal (default: KILL)') },
  'pause-agent': { argument: 'NODE', summary: 'SIGSTOP a node\'s kubelet-agent: heartbeats stop, the process stays', options: (c) => c },
  'resume-agent': { argument: 'NODE', summary: 'SIGCONT a paused kubelet-agent', options: (c) => c },
  'start-agent': { argument: 'NODE', summary: 'start a killed agent again', options: (c) => c },
  partition: {
    argument: 'NODE', summary: 'the agent loses NATS; its process and containers keep running',
    options: (c) => c.option('--for <DURATION>', 'heal it after this long (Kubernetes time)'),
  },
  heal: { argument: 'NODE', summary: 'give a partitioned agent NATS back', options: (c) => c },
  kill: {
    argument: 'SERVICE', summary: 'kill a service: api-server, scheduler, controller-manager, nats, dashboard',
    options: (c) => c.option('--signal <KILL|TERM>', 'the signal (default: KILL)'),
  },
  start: { argument: 'SERVICE', summary: 'start a killed service again', options: (c) => c },
  crash: { argument: 'POD', summary: 'a container of the pod exits', options: (c) => podOptions(c).option('--exit-code <N>', 'its exit code, 1 to 255 (default: 1)') },
  unhealthy: {
    argument: 'POD', summary: 'a probe of the pod\'s container fails',
    options: (c) => podOptions(c).option('--probe <liveness|readiness>', 'the probe (default: liveness)').option('--for <DURATION>', 'for this long (default: 60s)'),
  },
  oom: { argument: 'POD', summary: 'a container of the pod is OOM-killed (exit 137)', options: (c) => podOptions(c) },
};

const chaosTargets = (cmd: Command) =>
  cmd
    .addOption(dataDirOption())
    .option('--engine <up|compose|docker|podman>', 'the lab to drill: up (the supervisor), or the compose lab through that engine (default: found)')
    .addOption(kubeconfigOption());

/** The drills' shared hand-off: commander has checked the line; parseChaosCommand gets it as typed. */
const drillCommand = (action: ChaosAction, work: typeof run, done: Done) => {
  const drill = drills[action];
  const cmd = new Command(action).summary(drill.summary).description(drill.summary).argument(`<${drill.argument}>`);
  return chaosTargets(drill.options(cmd)).action(async (_target: string, _options: unknown, self: Command) => done(await work(self.parent!.args)));
};

const randomCommand = (work: typeof run, done: Done) =>
  chaosTargets(
    new Command('random')
      .summary('a reproducible chaos-monkey run of drills')
      .description(`a reproducible chaos-monkey run (actions: ${randomActions.join(', ')}); durations are Kubernetes time:
at --time-scale 20, 60s lasts 3 real seconds`)
      .option('--duration <DURATION>', 'how long the run lasts, e.g. 60s')
      .option('--seed <N>', 'the seed: the same seed, the same schedule')
      .option('--actions <A,…|all>', `the drills to pick from (default: ${defaultRandomActions.join(',')})`)
      .option('--dry-run', 'print the schedule only')
      .option('--workload', 'run Deployments, a StatefulSet, a DaemonSet, a Job and a CronJob in namespace soak and keep writing to it')
      .option('--check', 'check the event log\'s invariants while the drills run and once the workload settled; exit 1 if any fails'),
  ).action(async (_options: unknown, self: Command) => done(await work(self.parent!.args)));

/** The drills that also work without "chaos" (kubelab start-agent node-2); kill and start would read as something else. */
const bareDrills = chaosActions.filter((a) => a !== 'kill' && a !== 'start');

/** `kubelab chaos` and its drills on the command line; `work` gets the line from the drill's name on. */
export function command(work: typeof run, done: Done): Command {
  const chaos = new Command('chaos').summary('break the lab on purpose; each drill is recorded in the event log').description(`chaos drills, each recorded in the event log with actor chaos; the drill names also work without
"chaos": kubelab start-agent node-2. The compose lab has no supervisor: the container engine carries out
the agent and service drills there (--engine, found on its own when no kubelab up lab runs and
DIR/compose-kubeconfig exists); --for counts in KUBELAB_TIME_SCALE's time there`);
  for (const action of chaosActions) chaos.addCommand(drillCommand(action, work, done));
  chaos.addCommand(randomCommand(work, done));
  return chaos;
}

/** The drills without "chaos" in front, for the program's top level, where they are hidden from help and completion. */
export const bareDrillCommands = (work: typeof run, done: Done): Command[] => bareDrills.map((action) => drillCommand(action, work, done));

const engines = ['up', 'compose', 'docker', 'podman'];
const flagText = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

/** Carries out a drill, or a random run of them, on the lab of --data-dir (through its supervisor) or the compose lab (through its container engine). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: false, options: { 'data-dir': { type: 'string' }, engine: { type: 'string' }, kubeconfig: { type: 'string' } } });
  let parsed;
  try {
    parsed = parseChaosCommand(argv);
  } catch (e) {
    throw e instanceof ChaosUsageError ? new UsageError(e.message) : e;
  }
  const engine = flagText(values.engine);
  if (engine !== undefined && !engines.includes(engine)) throw new UsageError(`--engine must be one of ${engines.join(', ')}, got "${engine}"`);
  const dataDir = dataDirOf(flagText(values['data-dir']));
  const kubeconfig = flagText(values.kubeconfig) ?? join(dataDir, 'compose-kubeconfig');
  const state = readLabState(dataDir);
  const supervised = state !== undefined && alive(state.supervisorPid);
  if (engine === undefined ? !supervised && existsSync(kubeconfig) : engine !== 'up') return runComposeChaos(parsed, engine === 'docker' || engine === 'podman' ? engine : undefined, kubeconfig);
  const lab = runningLab(flagText(values['data-dir']));
  const control = labControl(dataDir, lab);
  if (parsed.kind === 'drill') {
    const answer = await postDrill(control, parsed.action, parsed.body);
    (answer.ok ? process.stdout : process.stderr).write(`${answer.ok ? 'chaos' : 'kubelab'}: ${answer.message}\n`);
    return answer.ok ? 0 : 1;
  }
  // One node of each agent: a drill of any node acts on its whole agent, and the schedule takes one agent down at a time.
  const nodes = lab.processes.map((p) => agentNodes(p)[0]).filter((node) => node !== undefined);
  const steps = randomSchedule({ seed: parsed.seed, durationSeconds: parsed.durationSeconds, actions: parsed.actions, nodes });
  process.stdout.write(`chaos random: seed ${parsed.seed}, ${parsed.durationSeconds}s of lab time (${(parsed.durationSeconds / lab.timeScale).toFixed(1)} s real), ${steps.length} steps\n`);
  if (parsed.dryRun) {
    process.stdout.write(steps.map((s) => `${describeStep(s)}\n`).join(''));
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const held = await runRandom({ ...lab, control }, steps, (line) => process.stdout.write(`${line}\n`), stop.signal, { check: parsed.check, workload: parsed.workload });
  return held ? 0 : 1;
}

/** Waits, up to a minute, for the API to answer again (after a start of the api-server or NATS). */
async function apiAnswers(apiUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const ready = () => fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  while (Date.now() < deadline && !(await ready())) await new Promise((r) => setTimeout(r, 500));
}

/** A drill on the compose lab, through its container engine; the Event goes to the API the kubeconfig names. */
async function runComposeChaos(parsed: ChaosCommand, engineFlag: string | undefined, kubeconfig: string): Promise<number> {
  if (parsed.kind !== 'drill') throw new UsageError('chaos random needs the supervisor of kubelab up; in the compose lab, run drills one at a time');
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
    const request = parseChaosRequest(parsed.action, parsed.body);
    process.stdout.write(`chaos: ${await drill(request)}\n`);
    if (request.action === 'partition' && request.forSeconds) {
      await new Promise((r) => setTimeout(r, (request.forSeconds! * 1000) / composeTimeScale()));
      process.stdout.write(`chaos: ${await drill({ action: 'heal', node: request.node })}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ChaosRefusal)) throw e;
    process.stderr.write(`kubelab: ${e.message}\n`);
    return 1;
  }
}
