/**
 * What a container's first process is, decided before anything runs: the image's own
 * default process, one of the image's servers (started by the container's command,
 * with the port its arguments name), a command for the shell, a program the image has
 * but the emulator cannot act out (it just runs), or a program the image lacks. Execs
 * into a running container are decided the same way (decideExec).
 */
import type { ImageBehaviour, ImageProcess, RequiredEnv } from './catalog-types.js';
import { containerArgv, flagValue } from './container-argv.js';
import { execNotFound, imageHasProgram, programName, startErrorMessage } from './image-programs.js';
import { completeBehaviour } from './parse-behaviour.js';

/** The decision; `argv` is always the process's full argv. */
export type ContainerProcess =
  /** The image's default process or one of its servers, acted out from `behaviour`. */
  | { readonly kind: 'image'; readonly argv: readonly string[]; readonly behaviour: ImageBehaviour }
  /** A command the emulated shell runs (sh -c …, sleep, echo…). */
  | { readonly kind: 'shell'; readonly argv: readonly string[] }
  /** A program of the image the emulator does not act out: it runs, silent, until stopped. */
  | { readonly kind: 'opaque'; readonly argv: readonly string[]; readonly behaviour: ImageBehaviour }
  /** The image lacks the program: the container fails to start (StartError, exit 128). */
  | { readonly kind: 'missing'; readonly argv: readonly string[]; readonly exitCode: 128; readonly message: string };

/**
 * The requirement whose absence stops the process, if any: none of its variables set to something non-empty, and
 * none of its flags (`-text`) given a non-empty value among the process's `argv`.
 */
export function missingRequiredEnv(behaviour: Pick<ImageBehaviour, 'requiredEnv'>, env: Readonly<Record<string, string>>, argv: readonly string[] = []): RequiredEnv | undefined {
  const given = (name: string) => (name.startsWith('-') ? flagValue(name, argv.slice(1)) ?? '' : env[name] ?? '') !== '';
  return behaviour.requiredEnv.find((required) => ![required.name, ...required.alternatives].some(given));
}

/**
 * Decides the process. `shellRuns` says which programs the emulated shell implements.
 * No command: the image's default (ENTRYPOINT + CMD, or + the container's args). With
 * `stdin` (`kubectl run -it`), a shell the image starts reads the attached stdin instead of
 * ending at once on an empty one. `env`, the container's environment, may name a server's port.
 */
export function decideContainerProcess(
  behaviour: ImageBehaviour,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
  shellRuns: (program: string) => boolean,
  options: { readonly stdin?: boolean; readonly env?: Readonly<Record<string, string>> } = {},
): ContainerProcess {
  const argv = containerArgv(behaviour, command, args);
  const ownCommand = command !== undefined && command.length > 0;
  if (options.stdin && isInteractiveShell(argv, behaviour, shellRuns)) return { kind: 'shell', argv };
  const script = simpleScript(argv, behaviour, shellRuns);
  const env = options.env ?? {};
  const server =
    findProcess(behaviour, argv, env) ??
    (script && findProcess(behaviour, script, env)) ??
    (!ownCommand && behaviour.entrypoint.length > 0 ? defaultProcess(behaviour, argv, env) : undefined);
  if (server) return { kind: 'image', argv, behaviour: server };
  if (!ownCommand && (args === undefined || args.length === 0)) return { kind: 'image', argv, behaviour };
  const [program] = argv;
  if (program === undefined) return { kind: 'missing', argv, exitCode: 128, message: startErrorMessage('') };
  if (!imageHasProgram(behaviour, program)) return { kind: 'missing', argv, exitCode: 128, message: startErrorMessage(program) };
  const [scriptProgram] = script ?? [];
  const runs = shellRuns(programName(program)) && (scriptProgram === undefined || shellRuns(programName(scriptProgram)) || !imageHasProgram(behaviour, scriptProgram));
  if (runs) return { kind: 'shell', argv };
  return { kind: 'opaque', argv, behaviour: { ...behaviour, logs: [], listens: [], http: {}, exitAfterSeconds: undefined, requiredEnv: [] } };
}

/** How an exec in a running container (kubectl exec, an exec probe, a hook) runs. */
export type ExecProcess =
  | { readonly kind: 'shell' }
  /** A program of the image the shell does not act out (`mysqladmin ping`, `sh -c "zookeeper-ready 2181"`): it succeeds, silently. */
  | { readonly kind: 'opaque' }
  /** runc's exec error for a program the image lacks; kubectl prints it and exits 126. */
  | { readonly kind: 'missing'; readonly exitCode: 126; readonly message: string };

/** Decides an exec's process the way decideContainerProcess decides a container's. */
export function decideExec(behaviour: ImageBehaviour, argv: readonly string[], shellRuns: (program: string) => boolean): ExecProcess {
  const [program = ''] = argv;
  if (!imageHasProgram(behaviour, program)) return { kind: 'missing', ...execNotFound(program) };
  if (!shellRuns(programName(program))) return { kind: 'opaque' };
  const [scriptProgram] = simpleScript(argv, behaviour, shellRuns) ?? [];
  return scriptProgram !== undefined && imageHasProgram(behaviour, scriptProgram) && !shellRuns(programName(scriptProgram)) ? { kind: 'opaque' } : { kind: 'shell' };
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** A shell started without a script (`sh`, `/bin/bash -l`): with a stdin attached it reads commands from it. */
function isInteractiveShell(argv: readonly string[], behaviour: ImageBehaviour, shellRuns: (program: string) => boolean): boolean {
  const [program] = argv;
  return program !== undefined && SHELLS.has(programName(program)) && shellRuns(programName(program)) && imageHasProgram(behaviour, program) && !argv.includes('-c');
}

const SHELL_OPERATORS = /[;&|<>`\n]|\$\(/;

/**
 * The words of `sh -c "SCRIPT"` when SCRIPT is one simple command (`exec nginx -g 'daemon
 * off;'`, `start-zookeeper --servers=3 \` continued lines): a container started that way
 * runs that command, which may be the image's own server.
 */
function simpleScript(argv: readonly string[], behaviour: ImageBehaviour, shellRuns: (program: string) => boolean): string[] | undefined {
  const [shell, flag, script] = argv;
  if (shell === undefined || flag !== '-c' || script === undefined || !shellRuns(programName(shell)) || !imageHasProgram(behaviour, shell)) return undefined;
  const joined = script.replace(/\\\n/g, ' ').trim();
  const words = [...joined.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
  const unquoted = joined.replace(/'[^']*'|"[^"]*"/g, '');
  if (words.length === 0 || SHELL_OPERATORS.test(unquoted)) return undefined;
  return words[0] === 'exec' ? words.slice(1) : words;
}

/**
 * The image's server that argv starts, if any: argv itself, or what follows the image's
 * ENTRYPOINT (`/docker-entrypoint.sh nginx -g …` starts nginx).
 */
function findProcess(behaviour: ImageBehaviour, argv: readonly string[], env: Readonly<Record<string, string>>): ImageBehaviour | undefined {
  const candidates = startsWith(argv, behaviour.entrypoint) && behaviour.entrypoint.length > 0 ? [argv, argv.slice(behaviour.entrypoint.length)] : [argv];
  for (const words of candidates) {
    const process = behaviour.processes.find((candidate) => matches(candidate, words));
    if (process) return serverBehaviour(behaviour, process, words.slice(process.match.length), env);
  }
  return undefined;
}

/** Args given to an image's ENTRYPOINT: its default process, with the port they name (redis' `--port 6380`). */
function defaultProcess(behaviour: ImageBehaviour, argv: readonly string[], env: Readonly<Record<string, string>>): ImageBehaviour {
  const defaultServer = behaviour.processes.find((candidate) => matches(candidate, behaviour.cmd));
  const parameters = argv.slice(behaviour.entrypoint.length);
  return defaultServer ? serverBehaviour(behaviour, defaultServer, parameters, env) : behaviour;
}

function serverBehaviour(behaviour: ImageBehaviour, process: ImageProcess, parameters: readonly string[], env: Readonly<Record<string, string>>): ImageBehaviour {
  const merged = completeBehaviour({ ...behaviour, ...process.behaviour, env: { ...behaviour.env, ...process.behaviour.env } });
  const port = portOf(process, parameters, env);
  const memoryMiB = memoryOf(process, parameters);
  const cpuWorkers = countOf(process.cpuFlag, parameters);
  return {
    ...merged,
    ...(port === undefined ? {} : { listens: [port] }),
    ...(memoryMiB === undefined ? {} : { memoryMiB }),
    ...(cpuWorkers === undefined ? {} : { cpuMillicores: cpuWorkers * 1000 }),
  };
}

function matches(process: ImageProcess, words: readonly string[]): boolean {
  const [first, ...rest] = process.match;
  return words.length >= process.match.length && programName(words[0]) === programName(first) && rest.every((word, index) => words[index + 1] === word);
}

const startsWith = (argv: readonly string[], prefix: readonly string[]) => prefix.every((word, index) => argv[index] === word);

const SIZE = /^(\d+(?:\.\d+)?)([bkmgt]?)$/i;
const MIB_PER_UNIT: Readonly<Record<string, number>> = { b: 1 / 1024 / 1024, k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024, '': 1 / 1024 / 1024 };

/**
 * The memory named by the process's flag, `250M` (stress counts in powers of 1024) as MiB, once per worker when the
 * process names its workers (`--vm 2`); undefined when the arguments allocate nothing.
 */
function memoryOf(process: ImageProcess, parameters: readonly string[]): number | undefined {
  const size = SIZE.exec(flagValue(process.memoryFlag, parameters) ?? '');
  const workers = process.memoryWorkersFlag === undefined ? 1 : countOf(process.memoryWorkersFlag, parameters);
  return size && workers ? workers * Number(size[1]) * MIB_PER_UNIT[size[2].toLowerCase()] : undefined;
}

/** A whole number of workers the flag names (`--cpu 2`, `-cpus=2`); undefined when the flag is absent or no count. */
function countOf(flag: string | undefined, parameters: readonly string[]): number | undefined {
  const value = flagValue(flag, parameters);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The port named by the process's flag (`--port=8080`, `--port 8080`), else its variable (`PORT=8080`), else its first numeric argument. */
function portOf(process: ImageProcess, parameters: readonly string[], env: Readonly<Record<string, string>>): number | undefined {
  // A flag may name an address: `-listen=:5678`, `--listen-client-urls http://0.0.0.0:2379`.
  let written = /(?:^|:)(\d+)\/?$/.exec(flagValue(process.portFlag, parameters) ?? '')?.[1];
  if (written === undefined && process.portEnv !== undefined) written = /^\d+$/.exec(env[process.portEnv] ?? '')?.[0];
  if (written === undefined && process.portArgument) written = parameters.find((word) => /^\d+$/.test(word));
  const port = Number(written);
  return written !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}
