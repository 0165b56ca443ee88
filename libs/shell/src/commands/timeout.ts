/**
 * busybox `timeout [-s SIG] [-k SECS] SECS PROG ARGS`. The command runs as
 * its own process on the lab clock; when SECS pass first it is sent SIG
 * (TERM by default) and, as with busybox, whose timeout execs PROG in its
 * own place, the status is that of a process killed by SIG: 128 + its number
 * (143 for TERM, 137 for KILL). GNU coreutils' timeout would say 124.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { decodeUtf8, encodeUtf8, fromUint8Array } from '../io/byte-string.js';
import type { ProcessHost } from '../process/process-host.js';

const SYNOPSIS = '[-s SIG] [-k KILL_SECS] SECS PROG ARGS';
const SIGNALS: Readonly<Record<string, number>> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, ALRM: 14, TERM: 15 };
const DURATION = /^(\d+\.?\d*|\.\d+)([smhd]?)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
const NOT_FOUND = 127;

/** Runs PROG; stops it after SECS. */
export async function timeout(context: CommandContext): Promise<number> {
  const args = [...context.args];
  let signalName = 'TERM';
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const option = args.shift()!;
    const letter = option[1];
    if (letter !== 's' && letter !== 'k') {
      context.stderr(`timeout: invalid option -- '${letter}'\nUsage: timeout ${SYNOPSIS}\n`);
      return 1;
    }
    const value = option.length > 2 ? option.slice(2) : args.shift();
    if (value === undefined) return usage(context, SYNOPSIS);
    if (letter === 's') signalName = value;
    else if (parseDuration(value) === undefined) return complain(context, `invalid number '${value}'`);
  }
  const signal = signalNumber(signalName);
  if (signal === undefined) return complain(context, `unknown signal '${signalName}'`);
  const [durationText, ...command] = args;
  if (durationText === undefined || command.length === 0) return usage(context, SYNOPSIS);
  const seconds = parseDuration(durationText);
  if (seconds === undefined) return complain(context, `invalid number '${durationText}'`);
  if (!context.isCommand(command[0])) return complain(context, `can't execute '${command[0]}': No such file or directory`, NOT_FOUND);
  const controller = new AbortController();
  const child = context.runtime.spawn(command.map(decodeUtf8), childHost(context, controller.signal));
  const finished = child.then(() => false);
  const expired = context.runtime.sleep(seconds).then(() => true);
  expired.catch(() => undefined);
  try {
    const timedOut = seconds > 0 && (await Promise.race([finished, expired]));
    if (!timedOut) return await child;
    controller.abort(signal === SIGNALS.TERM ? 'SIGTERM' : 'SIGKILL');
    await child;
    return 128 + signal;
  } finally {
    controller.abort('SIGKILL');
  }
}

/**
 * The command's process: the same files, clock, network, output, PID (busybox's
 * timeout execs PROG in its own place) and process table, its own kill switch.
 * A host speaks text and Uint8Array where the shell speaks byte strings. Its
 * sleeps run on this process's runtime, which cannot release a timer early:
 * a timed-out child's pending sleep lets its lab timer run out on its own.
 */
function childHost(context: CommandContext, signal: AbortSignal): ProcessHost {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env)) env[decodeUtf8(name)] = decodeUtf8(value);
  return {
    fs: context.fs,
    env,
    signal,
    workingDir: decodeUtf8(context.cwd),
    pid: context.runtime.pid,
    processes: context.runtime.processes,
    sleep: (seconds) => context.runtime.sleep(seconds),
    now: () => context.runtime.now(),
    stdout: (bytes) => context.stdout(fromUint8Array(bytes)),
    stderr: (bytes) => context.stderr(fromUint8Array(bytes)),
    lookup: (name) => context.runtime.lookup(encodeUtf8(name)),
    nameserverAnswers: (server) => context.runtime.nameserverAnswers(server),
    http: async (url) => {
      const response = await context.runtime.http(encodeUtf8(url));
      return response && { status: response.status, body: decodeUtf8(response.body) };
    },
    ...(context.runtime.spin ? { spin: context.runtime.spin } : {}),
    ...(context.runtime.busyboxVersion ? { busyboxVersion: context.runtime.busyboxVersion } : {}),
    ...(context.runtime.programs ? { programs: context.runtime.programs } : {}),
    ...(context.runtime.services ? { services: context.runtime.services } : {}),
  };
}

function signalNumber(name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name) > 0 && Number(name) < 65 ? Number(name) : undefined;
  return SIGNALS[name.toUpperCase().replace(/^SIG/, '')];
}

function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]] : undefined;
}
