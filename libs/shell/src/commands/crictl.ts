/**
 * `crictl ps|pods|images|logs|inspect|stop|rm|rmi` on a node, as cri-tools 1.32 with containerd answers them: the node's
 * containers and pod sandboxes as containerd holds them, whether or not the kubelet runs (the CKA's "is the container
 * still running with the kubelet stopped?"); a container stopped here exits, and the kubelet restarts it as its pod's
 * restartPolicy says; an image removed here is pulled again by the next pod that needs it. IDs may be given by a unique
 * prefix, as containerd takes them. Off a node, or while containerd is down, nothing answers on its socket, and crictl
 * says so.
 */
import { encodeUtf8 } from '../io/byte-string.js';
import type { CriContainer, CriSandbox, NodeCri } from '../process/process-host.js';
import { alignColumns } from './columns.js';
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';

/** Every verb's options: `-q` is ps' --quiet and rmi's --prune alike, as crictl spells them. */
const OPTIONS = {
  flags: 'afkqv', values: 'nt',
  long: {
    all: { key: 'a' }, quiet: { key: 'q' }, verbose: { key: 'v' }, name: { key: 'name', value: true }, pod: { key: 'p', value: true },
    namespace: { key: 'n', value: true }, state: { key: 'state', value: true }, tail: { key: 'tail', value: true }, 'no-trunc': { key: 'no-trunc' },
    output: { key: 'o', value: true }, force: { key: 'f' }, 'keep-logs': { key: 'k' }, prune: { key: 'q' }, timeout: { key: 't', value: true },
  },
};
const ENDPOINT = 'unix:///run/containerd/containerd.sock';
/** crictl's ID columns show this many characters unless --no-trunc. */
const TRUNCATED_ID = 13;

/** crictl's logrus fatal line, and exit 1. */
function fatal(context: CommandContext, message: string): number {
  context.stderr(`FATA[0000] ${message}\n`);
  return 1;
}

/** Rows in crictl's tabwriter (tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)): columns at least 20 wide, three spaces apart. */
export function crictlTable(rows: readonly (readonly string[])[]): string {
  return alignColumns(rows, { minWidth: 20 }).map((line) => `${line}\n`).join('');
}

/** go-units' HumanDuration, as crictl's CREATED column says it (with " ago"). */
export function goUnitsDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 14) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 60) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 730) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units' HumanSizeWithPrecision(size, 3): decimal units, three significant digits (`72.1MB`, `4.28MB`, `112MB`). */
export function goUnitsSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${units[unit]}`;
}

const containerState = { CONTAINER_CREATED: 'Created', CONTAINER_RUNNING: 'Running', CONTAINER_EXITED: 'Exited' } as const;

/** The one item whose ID starts with `prefix`, as containerd's truncindex finds it, or why there is none. */
function lookup<T extends { id: string }>(items: readonly T[], prefix: string): T | 'empty' | 'ambiguous' | 'missing' {
  if (prefix === '') return 'empty';
  const found = items.filter((item) => item.id.startsWith(prefix));
  if (found.length > 1) return 'ambiguous';
  return found[0] ?? 'missing';
}

/** The gRPC error containerd answers when `lookup` found no container. */
function notFound(prefix: string, why: 'empty' | 'ambiguous' | 'missing'): string {
  const cause = { empty: "prefix can't be empty", ambiguous: `Multiple IDs found with provided prefix: ${prefix}`, missing: 'not found' }[why];
  return `rpc error: code = ${why === 'missing' ? 'NotFound' : 'Unknown'} desc = an error occurred when try to find container ${JSON.stringify(prefix)}: ${cause}`;
}

/** The one container whose ID starts with `prefix`, or the error containerd gives. */
function byId(items: readonly CriContainer[], prefix: string): CriContainer | string {
  const found = lookup(items, prefix);
  return typeof found === 'object' ? found : notFound(prefix, found);
}

/** What crictl says when nothing answers on containerd's socket: off a node, or while containerd is down (a killed one leaves its socket behind). */
function unreachable(context: CommandContext): number {
  const killed = context.runtime.services?.unit('containerd.service')?.lastRun?.code === 'killed';
  const dial = `dial unix /run/containerd/containerd.sock: connect: ${killed ? 'connection refused' : 'no such file or directory'}`;
  return fatal(context, `validate service connection: validate CRI v1 runtime API for endpoint "${ENDPOINT}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: ${dial}"`);
}

/** Runs one crictl command on the node's runtime. */
export async function crictl(context: CommandContext): Promise<number> {
  const services = context.runtime.services;
  const cri = services?.cri;
  if (!cri || services?.unit('containerd.service')?.active !== 'active') return unreachable(context);
  const [verb, ...rest] = context.args;
  const parsed = parseOptions(rest, OPTIONS);
  if ('error' in parsed) return complain(context, parsed.error);
  const now = context.runtime.now();
  const id = (full: string) => (parsed.flags.has('no-trunc') ? full : full.slice(0, TRUNCATED_ID));
  const ago = (t: Date) => `${goUnitsDuration(now.getTime() - t.getTime())} ago`;
  let pattern: RegExp | undefined;
  try {
    pattern = parsed.values.has('name') ? new RegExp(parsed.values.get('name')!) : undefined;
  } catch {
    return fatal(context, `invalid regexp for --name: ${JSON.stringify(parsed.values.get('name'))}`);
  }
  const named = (name: string) => pattern === undefined || pattern.test(name);
  switch (verb) {
    case 'ps': {
      const pod = parsed.values.get('p');
      const state = parsed.values.get('state')?.toLowerCase();
      const shown = [...cri.containers()]
        .filter((c) => (state ? containerState[c.state].toLowerCase() === state : parsed.flags.has('a') || c.state === 'CONTAINER_RUNNING'))
        .filter((c) => named(c.name) && (pod === undefined || c.sandbox.id.startsWith(pod)))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      if (parsed.flags.has('q')) return print(context, shown.map((c) => `${c.id}\n`).join(''));
      const header = ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'];
      const rows = shown.map((c) => [
        id(c.id), id(c.imageRef.replace(/^.*@sha256:/, '')), ago(c.createdAt), containerState[c.state], c.name, String(c.attempt), id(c.sandbox.id), c.sandbox.name, c.sandbox.namespace,
      ]);
      return print(context, crictlTable([header, ...rows]));
    }
    case 'pods': {
      const namespace = parsed.values.get('n');
      const shown = [...cri.sandboxes()].filter((s) => named(s.name) && (namespace === undefined || s.namespace === namespace))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      if (parsed.flags.has('q')) return print(context, shown.map((s) => `${s.id}\n`).join(''));
      const header = ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'];
      const rows = shown.map((s) => [id(s.id), ago(s.createdAt), s.ready ? 'Ready' : 'NotReady', s.name, s.namespace, '0', '(default)']);
      return print(context, crictlTable([header, ...rows]));
    }
    case 'images': {
      const rows = [...cri.images()].flatMap((image) => (image.repoTags.length ? image.repoTags : ['<none>:<none>']).map((name) => {
        const colon = name.lastIndexOf(':');
        return { repository: name.slice(0, colon), tag: name.slice(colon + 1), image };
      })).filter((r) => parsed.operands.length === 0 || parsed.operands.some((o) => r.repository === o || `${r.repository}:${r.tag}` === o || r.repository.endsWith(`/${o}`)))
        .sort((a, b) => `${a.repository}:${a.tag}`.localeCompare(`${b.repository}:${b.tag}`));
      if (parsed.flags.has('q')) return print(context, [...new Set(rows.map((r) => `sha256:${r.image.id}\n`))].join(''));
      return print(context, crictlTable([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows.map((r) => [r.repository, r.tag, id(r.image.id), goUnitsSize(r.image.sizeBytes)])]));
    }
    case 'logs':
      return logs(context, cri, parsed.operands, parsed.values.get('tail'));
    case 'stop':
      return stopContainers(context, cri, parsed.operands, parsed.values.get('t') ?? '0');
    case 'rm':
      return removeContainers(context, cri, parsed.operands, { force: parsed.flags.has('f'), all: parsed.flags.has('a') });
    case 'rmi':
      return removeImages(context, cri, parsed.operands, { all: parsed.flags.has('a'), prune: parsed.flags.has('q') });
    case 'inspect': {
      if (parsed.operands.length === 0) return fatal(context, 'ID cannot be empty');
      const found = parsed.operands.map((operand) => byId(cri.containers(), operand));
      const missing = found.find((f): f is string => typeof f === 'string');
      if (missing) return fatal(context, `getting the status of the container ${JSON.stringify(parsed.operands[found.indexOf(missing)])}: ${missing}`);
      return print(context, found.map((c) => `${JSON.stringify(inspect(c as CriContainer), null, 2)}\n`).join(''));
    }
    case undefined:
      return fatal(context, 'a command is needed: one of ps, pods, images, logs, inspect, stop, rm, rmi (kubelab\'s crictl)');
    default:
      return fatal(context, `kubelab's crictl runs ps, pods, images, logs, inspect, stop, rm and rmi, not "${verb}"`);
  }
}

function print(context: CommandContext, text: string): number {
  context.stdout(encodeUtf8(text));
  return 0;
}

function logs(context: CommandContext, cri: NodeCri, operands: readonly string[], tail: string | undefined): number {
  if (operands.length !== 1) return fatal(context, 'ID cannot be empty');
  const found = byId(cri.containers(), operands[0]);
  if (typeof found === 'string') return fatal(context, found);
  const text = cri.logs(found.id) ?? '';
  if (tail === undefined || tail === '-1') return print(context, text);
  if (!/^\d+$/.test(tail)) return fatal(context, `invalid value "${tail}" for flag -tail: parse error`);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return print(context, lines.slice(Math.max(0, lines.length - Number(tail))).map((line) => `${line}\n`).join(''));
}

/**
 * `crictl stop [-t SECONDS] ID…`: each container in turn, its ID printed once it has exited. containerd answers an ID it
 * does not know, or a container that is not running, with success; only an ambiguous prefix fails.
 */
async function stopContainers(context: CommandContext, cri: NodeCri, ids: readonly string[], timeout: string): Promise<number> {
  if (ids.length === 0) return fatal(context, 'ID cannot be empty');
  if (!/^-?\d+$/.test(timeout)) return fatal(context, `invalid value "${timeout}" for flag -timeout: parse error`);
  for (const given of ids) {
    if (given === '') return fatal(context, 'stopping the container "": ID cannot be empty');
    const found = lookup(cri.containers(), given);
    if (found === 'ambiguous') return fatal(context, `stopping the container ${JSON.stringify(given)}: ${notFound(given, found)}`);
    if (typeof found === 'object') await cri.stopContainer(found.id, Number(timeout));
    print(context, `${given}\n`);
  }
  return 0;
}

/**
 * `crictl rm [-f] [-a] ID…`: each container's status first; a running one is refused unless -f, which stops it (KILL)
 * and prints its ID, then it is removed and its ID printed. What failed is said at the end, all together.
 */
async function removeContainers(context: CommandContext, cri: NodeCri, ids: readonly string[], options: { force: boolean; all: boolean }): Promise<number> {
  const targets = options.all ? cri.containers().map((c) => c.id) : ids;
  if (targets.length === 0) return options.all ? info(context, 'No containers to remove') : print(context, RM_HELP);
  const errors: string[] = [];
  for (const given of targets) {
    const found = byId(cri.containers(), given);
    if (typeof found === 'string') {
      errors.push(`getting container status ${JSON.stringify(given)}: ${found}`);
      continue;
    }
    if (found.state === 'CONTAINER_RUNNING') {
      if (!options.force) {
        errors.push(`container ${JSON.stringify(given)} is running, please stop it first`);
        continue;
      }
      await cri.stopContainer(found.id, 0);
      print(context, `${given}\n`);
    }
    cri.removeContainer(found.id);
    print(context, `${given}\n`);
  }
  return errors.length ? fatal(context, aggregate(errors)) : 0;
}

/**
 * `crictl rmi [-a] [-q|--prune] IMAGE…`: each image by name or ID (prefix), `Deleted:` and each of its names once it is
 * gone. --all adds every image, --prune every one no container (running or exited) uses, save the pinned pause image.
 * containerd removes an image a running container uses as readily: the container runs on.
 */
function removeImages(context: CommandContext, cri: NodeCri, operands: readonly string[], options: { all: boolean; prune: boolean }): number {
  const chosen = new Map(operands.map((image) => [image, true]));
  if (options.all || options.prune) for (const image of cri.images()) if (!(options.prune && image.pinned)) chosen.set(`sha256:${image.id}`, true);
  if (options.prune) {
    for (const container of cri.containers()) {
      const used = cri.imageStatus(container.imageRef);
      if (typeof used === 'object') chosen.set(`sha256:${used.id}`, false);
    }
  }
  if (chosen.size === 0) return options.all || options.prune ? info(context, 'No images to remove') : print(context, RMI_HELP);
  const errors: string[] = [];
  for (const [image, remove] of chosen) {
    if (!remove) continue;
    const status = cri.imageStatus(image);
    if (status === 'ambiguous') errors.push(`image status request for ${JSON.stringify(image)} failed: rpc error: code = Unknown desc = can not resolve ${JSON.stringify(image)} locally: ambiguous digest string`);
    else if (status === undefined) errors.push(`no such image ${image}`);
    else {
      cri.removeImage(status.id);
      print(context, (status.repoTags.length ? status.repoTags : status.repoDigests).map((name) => `Deleted: ${name}\n`).join(''));
    }
  }
  return errors.length ? fatal(context, aggregate(errors)) : 0;
}

/** k8s.io/apimachinery's aggregate error, as crictl's parallel removals report theirs: one as it is, more in brackets, each once. */
function aggregate(errors: readonly string[]): string {
  const distinct = [...new Set(errors)];
  return distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`;
}

/** crictl's logrus info line: nothing to do, and exit 0. */
function info(context: CommandContext, message: string): number {
  context.stderr(`INFO[0000] ${message}\n`);
  return 0;
}

/** urfave/cli's help for a subcommand given nothing to act on (ShowSubcommandHelp): the flag column padded by tabwriter. */
function subcommandHelp(verb: string, usage: string, argsUsage: string, flags: readonly (readonly [string, string])[]): string {
  const rows = [...flags.map(([names, text]) => [names, `${text} (default: false)`]), ['--help, -h', 'show help']];
  const width = Math.max(...rows.map(([names]) => names.length)) + 2;
  const options = rows.map(([names, text]) => `   ${names.padEnd(width)}${text}\n`).join('');
  return `NAME:\n   crictl ${verb} - ${usage}\n\nUSAGE:\n   crictl ${verb} command [command options] ${argsUsage}\n\nOPTIONS:\n${options}\n`;
}

const RM_HELP = subcommandHelp('rm', 'Remove one or more containers', 'CONTAINER-ID [CONTAINER-ID...]', [
  ['--force, -f', 'Force removal of the container, disregarding if running'], ['--keep-logs, -k', 'Preserve the container log file and its rotations'], ['--all, -a', 'Remove all containers'],
]);
const RMI_HELP = subcommandHelp('rmi', 'Remove one or more images', 'IMAGE-ID [IMAGE-ID...]', [['--all, -a', 'Remove all images'], ['--prune, -q', 'Remove all unused images']]);

const goZeroTime = '0001-01-01T00:00:00Z';

/** `crictl inspect`'s status and info, as containerd answers ContainerStatus with verbose info. */
function inspect(c: CriContainer) {
  const s: CriSandbox = c.sandbox;
  return {
    status: {
      id: c.id,
      metadata: { attempt: c.attempt, name: c.name },
      state: c.state,
      createdAt: c.createdAt.toISOString(),
      startedAt: c.startedAt?.toISOString() ?? goZeroTime,
      finishedAt: c.finishedAt?.toISOString() ?? goZeroTime,
      exitCode: c.exitCode ?? 0,
      image: { annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: c.imageRef,
      reason: c.reason ?? '',
      message: '',
      labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': s.name, 'io.kubernetes.pod.namespace': s.namespace, 'io.kubernetes.pod.uid': s.uid },
      annotations: { 'io.kubernetes.container.restartCount': String(c.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log' },
      mounts: [],
      logPath: `/var/log/pods/${s.namespace}_${s.name}_${s.uid}/${c.name}/${c.attempt}.log`,
    },
    info: { sandboxID: s.id, runtimeType: 'io.containerd.runc.v2' },
  };
}
