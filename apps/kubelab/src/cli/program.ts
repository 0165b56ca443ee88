/**
 * The kubelab command line as a commander tree: every command's arguments, options and help,
 * and the one place its mistakes become `kubelab: <message>` with exit 2. The work of the
 * commands in main.ts comes in as `Commands`; a new command with its work in its own module is
 * one `program.command(…)…action(async (…) => done(await itsWork(…)))` in kubelabProgram, and
 * --help, completion and the e2e help walk (commandPaths) pick it up from the tree.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { chaosUsage } from '../chaos/chaos-cli.js';
import { chaosActions, type ChaosAction } from '../chaos/chaos-requests.js';
import { defaultRandomActions, randomActions } from '../chaos/random-schedule.js';
import { componentNames } from '../components.js';
import { descheduleStrategies } from '../deschedule.js';
import { outputFormats } from '../log-format.js';
import { completionScript, completionShells, completionTree } from './completion.js';

/** A request that cannot be carried out as given; the message says what to change (exit 2). */
export class UsageError extends Error {}

export interface DataDirOption {
  dataDir?: string;
}
/** The log commands reach the lab of --data-dir, or the compose lab's API through --kubeconfig. */
export interface LabApiOptions extends DataDirOption {
  kubeconfig?: string;
}
export interface UpOptions extends DataDirOption {
  detach?: boolean;
  apiPort?: string;
  dashboardPort?: string;
  nodes?: string;
  timeScale?: string;
  components?: string;
  natsUrl?: string;
  natsCluster?: string;
  apiServers?: string;
  natsListen?: string;
  insecureHttp?: boolean;
  recordWatchDeliveries?: boolean;
  database?: string;
}
/** A stopped lab's log on PostgreSQL: its URL (`kubelab up --database` notes it in the data dir, so this is rarely needed). */
export interface DatabaseOption {
  database?: string;
}
export interface KubeconfigOptions extends DataDirOption {
  server?: string;
  certDir?: string;
}
export interface DescheduleOptions extends DataDirOption {
  dryRun?: boolean;
  strategies?: string;
}
export interface LogFilterOptions extends LabApiOptions {
  since?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  type?: string;
  actor?: string;
}
export interface EventsOptions extends LogFilterOptions {
  follow?: boolean;
  output?: string;
}
export interface WhyOptions extends LabApiOptions {
  namespace?: string;
}
export interface ReplayOptions extends LabApiOptions {
  at?: string;
  output?: string;
}
export interface CheckOptions extends DataDirOption, DatabaseOption {
  settle?: string;
}
export interface ExportOptions extends LogFilterOptions, DatabaseOption {
  until?: string;
}
export interface ImageAddOptions extends DataDirOption {
  like?: string;
  port?: string;
  natsUrl?: string;
}

export interface UserAddOptions extends DataDirOption {
  group?: string[];
}

export interface JoinCommandOptions extends DataDirOption {
  nodes?: string;
  nodePrefix?: string;
  advertise?: string;
}
export interface JoinOptions {
  natsUrl?: string;
  token?: string;
  tokenFile?: string;
}

export interface LearnOptions extends LabApiOptions {
  lang?: string;
  output?: string;
}

/** What each command does, with commander's parsed arguments and options; each resolves to the exit code. */
export interface Commands {
  /** `args`: the command line after `up`, for --detach to start the same `up` again. */
  up(options: UpOptions, args: string[]): Promise<number>;
  down(options: DataDirOption): Promise<number>;
  status(options: DataDirOption): Promise<number>;
  kubeconfig(options: KubeconfigOptions): Promise<number>;
  deschedule(options: DescheduleOptions): Promise<number>;
  events(options: EventsOptions): Promise<number>;
  why(target: string, options: WhyOptions): Promise<number>;
  replay(options: ReplayOptions): Promise<number>;
  verify(options: LabApiOptions): Promise<number>;
  check(options: CheckOptions): Promise<number>;
  export(options: ExportOptions): Promise<number>;
  import(file: string, options: DataDirOption & DatabaseOption): Promise<number>;
  /** `args`: ACTION and the rest as typed, for parseChaosCommand. */
  chaos(args: string[]): Promise<number>;
  imageAdd(reference: string, options: ImageAddOptions): Promise<number>;
  imageList(repository: string | undefined, options: DataDirOption): Promise<number>;
  userAdd(name: string, options: UserAddOptions): Promise<number>;
  nodeAdd(names: string[], options: DataDirOption): Promise<number>;
  joinCommand(options: JoinCommandOptions): Promise<number>;
  join(options: JoinOptions): Promise<number>;
  /** `kubelab learn COMMAND [NAME]`. */
  learn(command: string, name: string | undefined, options: LearnOptions): Promise<number>;
}

/** What `kubelab`, `kubelab help` and `kubelab --help` show. */
export const overview = `kubelab — a Kubernetes cluster emulator for learning, rehearsing and breaking a cluster

usage:
  kubelab up [--detach] [--data-dir DIR] [--api-port 6443] [--dashboard-port PORT] [--nodes 3] [--time-scale 1]
             [--components ${componentNames.join(',')}] [--nats-url nats://HOST:PORT[,…] | --nats-cluster 3] [--nats-listen 127.0.0.1]
             [--insecure-http] [--record-watch-deliveries]
             the API serves HTTPS with a certificate from the lab's CA (DIR/pki/ca.crt, made on the first
             start); --insecure-http serves plain HTTP instead, for debugging; --record-watch-deliveries
             has the api-server note what each watch is sent, for kubelab check (a test mode);
             --nats-cluster N runs NATS as N routed members (nats-1 … nats-N) and keeps 3 copies of each bucket
  kubelab down [--data-dir DIR]
  kubelab status [--data-dir DIR]
  kubelab kubeconfig [--server URL] [--cert-dir PKI_DIR] [--data-dir DIR] > kubeconfig
             prints a kubeconfig for URL with the lab CA and the admin's client certificate
             from PKI_DIR (the api-server's --cert-dir; by default DIR/pki) embedded;
             URL is by default the running lab's API, else https://127.0.0.1:6443
             (the compose lab writes its own to .kubelab/compose-kubeconfig)
  kubelab deschedule [--dry-run] [--strategies ${descheduleStrategies.join(',')}] [--data-dir DIR]
             evicts pods so the scheduler can place them better; --dry-run prints the plan only
  kubelab image add IMAGE:TAG --like IMAGE [--port PORT] [--data-dir DIR] [--nats-url URL]
             makes your own image pullable, as \`kind load\` does: it behaves as the --like image
             of the catalog (listening on PORT instead when given); kept in DIR/images.yaml and
             seen by the running lab's nodes at once (the lab of DIR, or the one at --nats-url)
  kubelab image list [REPOSITORY] [--data-dir DIR]
             the images nodes can pull (deploy/images.yaml and what image add added); with a
             REPOSITORY, its tags and tag patterns
  kubelab user add NAME [--group G]… [--data-dir DIR]
             a new user: a client certificate from the lab CA (CN NAME, O each group) and a
             context NAME in DIR/kubeconfig; RBAC decides what NAME may do
  kubelab node add NAME… [--data-dir DIR]
             lets more nodes join: a NATS user for each NAME's kubelet-agent (its seed in
             DIR/nats/users/), which may then act only as the kubelet of NAME
  kubelab join-command [--nodes 1] [--node-prefix worker] [--advertise HOST] [--data-dir DIR]
             on the lab's host: a NATS user for an agent of new nodes PREFIX-xxxxx-1…N, and one line
             that starts it on another host (NATS must listen there: kubelab up --nats-listen 0.0.0.0)
  kubelab join --nats-url nats://HOST:PORT[,…] --token TOKEN | --token-file FILE
             on any host with kubelab installed: runs the token's nodes here until Ctrl-C, with no
             data dir (KUBELAB_NATS_URL and KUBELAB_JOIN_TOKEN work too)
  kubelab completion bash|zsh
             prints a completion script: source <(kubelab completion bash)

guided scenarios (each in its own namespace, learn-NAME; English, or Korean with --lang ko or KUBELAB_LANG=ko):
  kubelab learn list | start NAME | status [NAME] [-o json] | check [NAME] [-o json] | hint | solve | reset [NAME]
             [--lang en|ko] [--data-dir DIR] [--kubeconfig FILE]
             check reads the namespace's objects and its event log since start, says what is not yet
             right, and exits 0 only when the goal holds, with what happened; progress is kept in DIR

chaos drills, each recorded in the event log with actor chaos (add --data-dir DIR for another lab;
the drill names also work without "chaos": kubelab start-agent node-2):
${chaosUsage}

the event log (SEQ|DURATION|TIME: a seq, a duration ago such as 30s, 5m, 1h30m, or an RFC 3339 time;
events, why, replay and verify read the compose lab's with --kubeconfig .kubelab/compose-kubeconfig):
  kubelab events [--follow] [--since SEQ|DURATION|TIME] [--kind K] [--namespace NS] [--name N]
             [--type T[,T…]] [--actor A] [-o table|json|yaml] [--data-dir DIR]
             one line per change: seq, time, actor, type, object and what changed;
             --actor user matches every user, --actor kubelet every node's kubelet
  kubelab why KIND/NAME [-n NAMESPACE] [--data-dir DIR]
             the causal chain behind an object's state, walked back through each entry's
             cause to its root, oldest first, with the scheduler's reasons; deleted objects too
  kubelab replay --at SEQ|DURATION|TIME [-o table|json|yaml] [--data-dir DIR]
             the nodes and pods (with STATUS) as they were then, rebuilt from the event log
  kubelab verify [--data-dir DIR]
             replays the whole log and checks it equals the live objects; exit 1 if not
  kubelab check [--settle DURATION] [--data-dir DIR]
             checks the whole log's invariants (no pod bound twice, one pod per StatefulSet
             identity, every seq and object once, resourceVersion = seq, Deployments stable
             for DURATION (60s) converged, Jobs within completions), plus replay = live and
             watch order when the lab runs; a stopped lab's DIR/events.sqlite is read
             directly; one PASS/FAIL/SKIP line each, with the seqs of every failure; exit 1 on a FAIL
  kubelab export [--since SEQ|DURATION|TIME] [--until SEQ] [--kind K] [--namespace NS] [--name N] [--data-dir DIR] > drill.ndjson
             with no lab running, reads DIR/events.sqlite itself (--since SEQ and --until SEQ only) and stops
             at the first event it cannot read back: how the good part of a damaged log is kept
  kubelab import FILE|- --data-dir NEW_DIR
             writes a whole exported log (an export without --since) into a new, stopped
             data dir; \`kubelab up --data-dir NEW_DIR\` then starts with that history

kubelab COMMAND --help shows one command's usage; kubelab completion bash|zsh a completion script.
`;

const dataDir = () => new Option('--data-dir <DIR>', 'the lab\'s data dir (default: .kubelab)');
const kubeconfig = () => new Option('--kubeconfig <FILE>', 'read the log of the lab this kubeconfig names (the compose lab: .kubelab/compose-kubeconfig)');
const output = () => new Option('-o, --output <FORMAT>', `${outputFormats.join('|')} (default: table)`);
const since = () => new Option('--since <SEQ|DURATION|TIME>', 'from this point of the log: a seq, a duration ago (30s, 5m, 1h30m) or an RFC 3339 time');
const logFilters = (cmd: Command) =>
  cmd
    .addOption(since())
    .option('--kind <K>', 'only objects of this kind (pod, deployment, …)')
    .option('--namespace <NS>', 'only objects in this namespace')
    .option('--name <N>', 'only objects with this name')
    .option('--type <T[,T…]>', 'only entries of these types')
    .option('--actor <A>', 'only changes by this actor (user: every user, kubelet: every node\'s kubelet)')
    .addOption(dataDir())
    .addOption(kubeconfig());

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
    .addOption(dataDir())
    .option('--engine <up|compose|docker|podman>', 'the lab to drill: up (the supervisor), or the compose lab through that engine (default: found)')
    .addOption(kubeconfig());

/** The drills' shared hand-off: commander has checked the line; parseChaosCommand gets it as typed. */
const drillCommand = (action: ChaosAction, commands: Commands, done: (code: number) => Promise<void>) => {
  const drill = drills[action];
  const cmd = new Command(action).summary(drill.summary).description(drill.summary).argument(`<${drill.argument}>`);
  return chaosTargets(drill.options(cmd)).action(async (_target: string, _options: unknown, self: Command) => done(await commands.chaos(self.parent!.args)));
};

const randomCommand = (commands: Commands, done: (code: number) => Promise<void>) =>
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
  ).action(async (_options: unknown, self: Command) => done(await commands.chaos(self.parent!.args)));

/** The drills that also work without "chaos" (kubelab start-agent node-2); kill and start would read as something else. */
const bareDrills = chaosActions.filter((a) => a !== 'kill' && a !== 'start');

/** The commander tree of kubelab; `exited` hears each command's exit code. */
export function kubelabProgram(commands: Commands, exited: (code: number) => void = () => {}): Command {
  const done = async (code: number) => exited(code);
  const program = new Command('kubelab').description('a Kubernetes cluster emulator for learning, rehearsing and breaking a cluster');
  program.configureHelp({ formatHelp: (cmd, helper) => (cmd === program ? overview : Help.prototype.formatHelp.call(helper, cmd, helper)) });

  program
    .command('up')
    .summary('start the lab')
    .description(`starts the lab; the API serves HTTPS with a certificate from the lab's CA (DIR/pki/ca.crt, made on the first start)`)
    .option('--detach', 'start in the background and return once the lab is ready')
    .addOption(dataDir())
    .option('--api-port <PORT>', 'the API\'s port (default: 6443)')
    .option('--dashboard-port <PORT>', 'the dashboard\'s port (default: 6480, or a free one)')
    .option('--nodes <N>', 'how many nodes (default: 3)')
    .option('--time-scale <X>', 'how much faster than real time the lab runs (default: 1)')
    .option('--components <C,…>', `the components to run (default: ${componentNames.join(',')})`)
    .option('--nats-url <URL>', 'use the NATS server at nats://HOST:PORT (started when it does not answer); comma-separated for a NATS cluster\'s members')
    .option('--api-servers <N>', 'run N api-servers on one PostgreSQL event log (needs --database postgres://…; SQLite takes one): api-server, api-server-2 …; the kubeconfig names the first')
    .option('--nats-cluster <N>', 'start a NATS cluster of N members (nats-1 … nats-N, at least 3) instead of one server; JetStream keeps 3 copies of each bucket')
    .option('--nats-listen <ADDRESS>', 'the address the lab\'s NATS listens on: 0.0.0.0 lets nodes join from other hosts (default: 127.0.0.1)')
    .option('--insecure-http', 'serve plain HTTP instead of HTTPS, for debugging')
    .option('--record-watch-deliveries', 'the api-server notes what each watch is sent, for kubelab check (a test mode)')
    .option('--database <URL>', 'keep the event log in PostgreSQL at postgres://USER:PASSWORD@HOST:PORT/DB (default: DIR/events.sqlite; also KUBELAB_DATABASE)')
    .action(async (options: UpOptions, self: Command) => done(await commands.up(options, self.parent!.args.slice(1))));
  program.command('down').summary('stop the lab').description('stops the lab and every process it started').addOption(dataDir())
    .action(async (options: DataDirOption) => done(await commands.down(options)));
  program.command('status').summary('the lab\'s processes and their state').description('the lab\'s processes, their state and restarts; exit 3 when no lab runs').addOption(dataDir())
    .action(async (options: DataDirOption) => done(await commands.status(options)));
  program
    .command('kubeconfig')
    .summary('print a kubeconfig for the lab')
    .description(`prints a kubeconfig for URL with the lab CA and the admin's client certificate from PKI_DIR (the
api-server's --cert-dir; by default DIR/pki) embedded; URL is by default the running lab's API, else
https://127.0.0.1:6443 (the compose lab writes its own to .kubelab/compose-kubeconfig)`)
    .option('--server <URL>', 'the API\'s URL')
    .option('--cert-dir <PKI_DIR>', 'the api-server\'s --cert-dir (default: DIR/pki)')
    .addOption(dataDir())
    .action(async (options: KubeconfigOptions) => done(await commands.kubeconfig(options)));
  program
    .command('deschedule')
    .summary('evict pods so the scheduler can place them better')
    .description('evicts pods so the scheduler can place them better; --dry-run prints the plan only')
    .option('--dry-run', 'print the plan only')
    .option('--strategies <S,…>', `the strategies (default: ${descheduleStrategies.join(',')})`)
    .addOption(dataDir())
    .action(async (options: DescheduleOptions) => done(await commands.deschedule(options)));

  const image = program.command('image').summary('the images nodes can pull; add your own').description('the images the lab\'s nodes can pull, and your own added to them');
  image
    .command('add')
    .summary('make your own image pullable, as kind load does')
    .description(`makes your own image pullable, as \`kind load\` does: it behaves as the --like image of the catalog
(listening on PORT instead when given); kept in DIR/images.yaml and seen by the running lab's nodes
at once (the lab of DIR, or the one at --nats-url)`)
    .argument('<IMAGE:TAG>')
    .option('--like <IMAGE>', 'the catalog image it behaves as (kubelab image list shows them)')
    .option('--port <PORT>', 'the port it listens on instead')
    .addOption(dataDir())
    .option('--nats-url <URL>', 'the NATS of a lab without a supervisor here (the compose lab)')
    .action(async (reference: string, options: ImageAddOptions) => done(await commands.imageAdd(reference, options)));
  image
    .command('list')
    .summary('the images nodes can pull')
    .description('the images nodes can pull (deploy/images.yaml and what image add added); with a REPOSITORY, its tags and tag patterns')
    .argument('[REPOSITORY]')
    .addOption(dataDir())
    .action(async (repository: string | undefined, options: DataDirOption) => done(await commands.imageList(repository, options)));

  const user = program.command('user').summary('the lab\'s users, each a kubeconfig context').description('the lab\'s users: each a client certificate from the lab CA and a context of its name in the lab\'s kubeconfig');
  user
    .command('add')
    .summary('add a user: a client certificate and a kubeconfig context')
    .description(`adds a user, as kubeadm kubeconfig user does: a client certificate the lab CA signs (CN NAME, an O for
each --group) and a user and context NAME in DIR/kubeconfig (kubectl --context NAME …); RBAC decides
what the user may do, which at first is next to nothing`)
    .argument('<NAME>')
    .option('--group <G>', 'a group the user is in (repeat for more)', (g: string, all: string[] = []) => [...all, g])
    .addOption(dataDir())
    .action(async (name: string, options: UserAddOptions) => done(await commands.userAdd(name, options)));

  const node = program.command('node').summary('the lab\'s nodes, each with a NATS user of its own').description('the lab\'s nodes: each node\'s kubelet-agent signs in to NATS as its own user, which may act only for that node');
  node
    .command('add')
    .summary('let nodes join: a NATS user for each one\'s agent')
    .description(`lets nodes join the lab, as a join token does for kubeadm join: a NATS user for each NAME's kubelet-agent
(its nkey seed in DIR/nats/users/kubelet-NAME.nk), which NATS takes at once; the agent then signs in
with --nats-nkey and may act only as the kubelet of NAME (NodeRestriction)`)
    .argument('<NAME...>')
    .addOption(dataDir())
    .action(async (names: string[], options: DataDirOption) => done(await commands.nodeAdd(names, options)));

  program
    .command('join-command')
    .summary('print the command that joins new nodes from another host')
    .description(`on the lab's host, while the lab runs, as kubeadm token create --print-join-command: gives an agent of
--nodes new nodes (PREFIX-xxxxx-1…N) a NATS user of its own, which may act only as their kubelet, and
prints one line that starts it on any host with kubelab installed. That host must reach the lab's
NATS: start the lab with kubelab up --nats-listen 0.0.0.0 (the line names this host's address, or
--advertise HOST)`)
    .option('--nodes <N>', 'how many nodes the agent hosts (default: 1)')
    .option('--node-prefix <NAME>', 'the nodes are NAME-xxxxx-1…N (default: worker)')
    .option('--advertise <HOST>', 'the address other hosts reach the lab\'s NATS at (default: the one it listens on)')
    .addOption(dataDir())
    .action(async (options: JoinCommandOptions) => done(await commands.joinCommand(options)));
  program
    .command('join')
    .summary('run nodes of a lab on another host, from a join-command\'s token')
    .description(`runs the kubelet-agent of the token's nodes on this host, in the foreground, until Ctrl-C: as kubeadm
join, from the line kubelab join-command printed on the lab's host. Nothing is shared with that host but
NATS: no data dir; the agent's credentials stay in a private temporary folder removed when it stops.
KUBELAB_NATS_URL and KUBELAB_JOIN_TOKEN stand for the options (the compose service "join")`)
    .option('--nats-url <URL,…>', 'the lab\'s NATS: nats://HOST:PORT, or several separated by commas')
    .option('--token <TOKEN>', 'the join token')
    .option('--token-file <FILE>', 'a file that holds the join token')
    .action(async (options: JoinOptions) => done(await commands.join(options)));

  const chaos = program.command('chaos').summary('break the lab on purpose; each drill is recorded in the event log').description(`chaos drills, each recorded in the event log with actor chaos; the drill names also work without
"chaos": kubelab start-agent node-2. The compose lab has no supervisor: the container engine carries out
the agent and service drills there (--engine, found on its own when no kubelab up lab runs and
DIR/compose-kubeconfig exists); --for counts in KUBELAB_TIME_SCALE's time there`);
  for (const action of chaosActions) chaos.addCommand(drillCommand(action, commands, done));
  chaos.addCommand(randomCommand(commands, done));
  for (const action of bareDrills) program.addCommand(drillCommand(action, commands, done), { hidden: true });

  logFilters(
    program
      .command('events')
      .summary('the event log, one line per change')
      .description(`one line per change: seq, time, actor, type, object and what changed;
--actor user matches every user, --actor kubelet every node's kubelet`)
      .option('--follow', 'keep printing new changes')
      .addOption(output()),
  ).action(async (options: EventsOptions) => done(await commands.events(options)));
  program
    .command('why')
    .summary('the causal chain behind an object\'s state')
    .description(`the causal chain behind an object's state, walked back through each entry's cause to its root,
oldest first, with the scheduler's reasons; deleted objects too`)
    .argument('<KIND/NAME>')
    .option('-n, --namespace <NAMESPACE>', 'the object\'s namespace (default: default)')
    .addOption(dataDir())
    .addOption(kubeconfig())
    .action(async (target: string, options: WhyOptions) => done(await commands.why(target, options)));
  program
    .command('replay')
    .summary('the cluster as it was at a point of the log')
    .description('the nodes and pods (with STATUS) as they were then, rebuilt from the event log')
    .option('--at <SEQ|DURATION|TIME>', 'the point of the log: a seq, a duration ago (30s, 5m, 1h30m) or an RFC 3339 time')
    .addOption(output())
    .addOption(dataDir())
    .addOption(kubeconfig())
    .action(async (options: ReplayOptions) => done(await commands.replay(options)));
  const learn = program
    .command('learn')
    .summary('guided scenarios, checked against the cluster and its event log')
    .description('guided scenarios from the pod lifecycle, each in its own namespace (learn-NAME): start one, work with kubectl, '
      + 'and check: it reads the namespace\'s objects and its event log since the start, says what is not yet right, and exits 0 '
      + 'only when the goal holds, with what happened; progress is kept in DIR/learn.json');
  const learnCommand = (name: string, summary: string, argument?: string) => {
    const c = learn.command(name).summary(summary).description(summary)
      .option('--lang <en|ko>', 'the language of every text (default: KUBELAB_LANG, else en)')
      .addOption(dataDir())
      .addOption(kubeconfig());
    if (name === 'status' || name === 'check') c.option('-o, --output <json>', 'one JSON object: the scenario, passed, and each check');
    if (argument) c.argument(argument);
    return c.action(async (scenario: string | LearnOptions, options?: LearnOptions) =>
      done(await commands.learn(name, typeof scenario === 'string' ? scenario : undefined, (typeof scenario === 'string' || scenario === undefined ? options : scenario) ?? {})));
  };
  learnCommand('list', 'the scenarios and how far you are with each');
  learnCommand('start', 'start a scenario: its namespace, its objects and its goal', '<NAME>');
  learnCommand('status', 'the checks of the scenario in progress (or NAME), without marking it done', '[NAME]');
  learnCommand('check', 'check the scenario in progress (or NAME); exit 0 only when its goal holds', '[NAME]');
  learnCommand('hint', 'the next hint of the scenario in progress', '[NAME]');
  learnCommand('solve', 'apply the reference solution of the scenario in progress', '[NAME]');
  learnCommand('reset', 'delete the scenario\'s namespace and everything in it, nothing else', '[NAME]');
  program
    .command('verify')
    .summary('check the replayed log equals the live objects')
    .description('replays the whole log and checks it equals the live objects; exit 1 if not')
    .addOption(dataDir())
    .addOption(kubeconfig())
    .action(async (options: LabApiOptions) => done(await commands.verify(options)));
  program
    .command('check')
    .summary('check the whole log\'s invariants')
    .description(`checks the whole log's invariants (no pod bound twice, one pod per StatefulSet identity, every seq
and object once, resourceVersion = seq, Deployments stable for DURATION converged, Jobs within
completions), plus replay = live and watch order when the lab runs; a stopped lab's DIR/events.sqlite
is read directly; one PASS/FAIL/SKIP line each, with the seqs of every failure; exit 1 on a FAIL`)
    .option('--settle <DURATION>', 'how long a Deployment is stable before it must have converged, in lab time (default: 60s)')
    .option('--database <URL>', 'a stopped lab\'s PostgreSQL log (default: the one its kubelab up --database noted)')
    .addOption(dataDir())
    .action(async (options: CheckOptions) => done(await commands.check(options)));
  logFilters(
    program
      .command('export')
      .summary('write the event log as NDJSON')
      .description(`writes the event log as NDJSON (> drill.ndjson); with no lab running, reads DIR/events.sqlite itself
(--since SEQ and --until SEQ only) and stops at the first event it cannot read back: how the good part
of a damaged log is kept`)
      .option('--until <SEQ>', 'up to this seq')
      .option('--database <URL>', 'a stopped lab\'s PostgreSQL log (default: the one its kubelab up --database noted)'),
  ).action(async (options: ExportOptions) => done(await commands.export(options)));
  program
    .command('import')
    .summary('write an exported log into a new data dir')
    .description(`writes a whole exported log (an export without --since) into a new, stopped data dir;
\`kubelab up --data-dir NEW_DIR\` then starts with that history`)
    .argument('<FILE|->', 'the NDJSON file kubelab export wrote (- for stdin)')
    .option('--data-dir <NEW_DIR>', 'the new lab to write the log into')
    .option('--database <URL>', 'write the log into this empty PostgreSQL database instead (then kubelab up --database URL)')
    .action(async (file: string, options: DataDirOption & DatabaseOption) => done(await commands.import(file, options)));

  program
    .command('completion')
    .summary('print a completion script for bash or zsh')
    .description(`prints a completion script for kubelab's commands and options:
  source <(kubelab completion bash)     # in ~/.bashrc
  source <(kubelab completion zsh)      # in ~/.zshrc`)
    .argument('<SHELL>', completionShells.join(' or '))
    .action(async (shell: string) => {
      if (!(completionShells as readonly string[]).includes(shell)) throw new UsageError(`completion takes ${completionShells.join(' or ')}, got "${shell}"`);
      process.stdout.write(completionScript(shell as (typeof completionShells)[number], completionTree(program)));
      await done(0);
    });
  program
    .command('help')
    .summary('the overview, or a command\'s usage')
    .description('the overview, or the usage of COMMAND (kubelab help chaos kill-agent)')
    .argument('[COMMAND...]')
    .action(async (path: string[]) => {
      const target = commandOf(program, path);
      if (target.length !== path.length) throw new UsageError(`no command "${path.slice(0, target.length + 1).join(' ')}"; kubelab help lists them`);
      (target.at(-1) ?? program).outputHelp();
      await done(0);
    });

  // `kubelab help` above is the help command, for nested paths too; the groups' own would list in their commands.
  forEachCommand(program, (cmd) => {
    cmd.helpCommand(false).exitOverride().showSuggestionAfterError().configureOutput({ writeErr: () => {}, outputError: () => {} });
  });
  return program;
}

function forEachCommand(cmd: Command, visit: (cmd: Command) => void): void {
  visit(cmd);
  for (const sub of cmd.commands) forEachCommand(sub, visit);
}

/** The commands `words` name from the top, as far as they name one. */
function commandOf(program: Command, words: string[]): Command[] {
  const found: Command[] = [];
  let at = program;
  for (const word of words) {
    const next = at.commands.find((c) => c.name() === word);
    if (!next) break;
    found.push(next);
    at = next;
  }
  return found;
}

/** Every command's path under kubelab ("up", "chaos kill-agent", the bare drills too), parents before children. */
export function commandPaths(program: Command): string[] {
  const paths: string[] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const path = [...prefix, sub.name()];
      paths.push(path.join(' '));
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

/** Runs the command line; every mistake in it ends as one `kubelab: <message>` line and exit 2. */
export async function runKubelab(commands: Commands, argv: string[]): Promise<number> {
  let code = 0;
  const program = kubelabProgram(commands, (c) => (code = c));
  if (argv.length === 0) {
    process.stdout.write(overview);
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return commanderFailure(program, argv, e);
    process.stderr.write(`kubelab: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** The visible commands under the group `argv` names. */
function groupCommands(program: Command, argv: string[]): string[] {
  const group = commandOf(program, argv).at(-1) ?? program;
  return group.createHelp().visibleCommands(group).map((c) => c.name());
}

function commanderFailure(program: Command, argv: string[], e: CommanderError): number {
  if (e.code === 'commander.helpDisplayed' || (e.code === 'commander.help' && e.exitCode === 0)) return 0;
  const path = commandOf(program, argv).map((c) => c.name());
  const at = path.length ? `kubelab ${path.join(' ')}` : 'kubelab';
  // commander.help with an error: a command that only groups others was given none of them.
  const message = e.code === 'commander.help'
    ? `${path.join(' ')} needs a command: ${groupCommands(program, argv).join(', ')}`
    : e.message.replace(/^error: /, '').replace(/\.$/, '').replaceAll('\n', ' ');
  process.stderr.write(`kubelab: ${message}; ${at} --help shows the usage\n`);
  return 2;
}
