/**
 * busybox `timeout [-s SIG] [-k SECS] SECS PROG ARGS`. The command runs as
 * its own process on the lab clock; when SECS pass first it is sent SIG
 * (TERM by default) and, as with busybox, whose timeout execs PROG in its
 * own place, the status is that of a process killed by SIG: 128 + its number
 * (143 for TERM, 137 for KILL). GNU coreutils' timeout would say 124.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { isKnownCommand } from './known-command.js';
import type { ProcessHost } from '../process/process-host.js';
import { runProcess } from '../run-process.js';

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
  if (!isKnownCommand(context, command[0])) return complain(context, `can't execute '${command[0]}': No such file or directory`, NOT_FOUND);
  const controller = new AbortController();
  const child = runProcess(command, childHost(context, controller.signal));
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

/** The command's process: the same files, clock, network and output, its own kill switch. */
function childHost(context: CommandContext, signal: AbortSignal): ProcessHost {
  return {
    fs: context.fs,
    env: context.env,
    signal,
    workingDir: context.cwd,
    sleep: (seconds) => context.runtime.sleep(seconds),
    now: () => context.runtime.now(),
    stdout: (text) => context.stdout(text),
    stderr: (text) => context.stderr(text),
    lookup: (name) => context.runtime.lookup(name),
    http: (url) => context.runtime.http(url),
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
