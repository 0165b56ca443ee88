/**
 * busybox `kill`: `kill PID…`, `kill -9 PID`, `kill -TERM PID`, `kill -s KILL PID`,
 * `kill -0 PID` (does it exist?), `kill -l [SIG]`. Signals reach the emulated
 * processes through the agent's process table, so `kill 1` ends the container
 * (and the kubelet restarts it) exactly as the self-healing drills describe; on a
 * node the table is the node's (`ps aux`), its PIDs the kubelet's, containerd's and
 * every container's process.
 */
import { ProcessKilled } from '../process/runtime.js';
import { SIGNAL_NUMBERS } from '../process/signals.js';
import { complain, usage, type CommandContext } from './command-context.js';

const SIGNAL_NAMES = new Map([...SIGNAL_NUMBERS].map(([name, number]) => [number, name]));
/** Signals whose default action ends a process; the others (CHLD, WINCH, CONT…) leave it running. */
const FATAL = new Set(['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'IO', 'PWR', 'SYS']);
const SYNOPSIS = '[-l] [-SIG] PID...';

/** Sends the signal (TERM by default) to each PID; status 1 if any could not be signalled. */
export function kill(context: CommandContext): number {
  const args = [...context.args];
  if (args[0] === '-l') return listSignals(context, args.slice(1));
  let signal = 'TERM';
  if (args[0] === '-s' || args[0] === '-n') {
    args.shift();
    const named = args.shift();
    if (named === undefined) return usage(context, SYNOPSIS);
    const parsed = signalName(named);
    if (parsed === undefined) return complain(context, `bad signal name '${named}'`);
    signal = parsed;
  } else if (args[0] === '--') args.shift();
  else if (args[0]?.startsWith('-') && args[0] !== '-') {
    const parsed = signalName(args[0].slice(1));
    if (parsed === undefined) return complain(context, `bad signal name '${args[0].slice(1)}'`);
    signal = parsed;
    args.shift();
    if (args[0] === '--') args.shift();
  }
  if (args.length === 0) return usage(context, SYNOPSIS);
  let status = 0;
  for (const arg of args) {
    if (!/^\d+$/.test(arg)) status = complain(context, `invalid number '${arg}'`);
    else if (!deliver(context, Number(arg), signal)) status = complain(context, `can't kill pid ${arg}: No such process`);
  }
  return status;
}

/** `0` (existence test), a signal name or number with or without SIG, in any case; undefined when unknown. */
function signalName(text: string): string | undefined {
  if (text === '0') return '0';
  if (/^\d+$/.test(text)) return SIGNAL_NAMES.get(Number(text));
  const name = text.toUpperCase().replace(/^SIG/, '');
  return name === 'POLL' ? 'IO' : SIGNAL_NUMBERS.has(name) ? name : undefined;
}

/** True when the process exists (and, unless `signal` is 0, was signalled). */
function deliver(context: CommandContext, pid: number, signal: string): boolean {
  const { runtime } = context;
  const table = runtime.processes;
  if (!table) {
    if (pid !== runtime.pid) return false;
    if (FATAL.has(signal)) throw new ProcessKilled(128 + SIGNAL_NUMBERS.get(signal)!);
    return true;
  }
  if (signal === '0') return table.list().some((process) => process.pid === pid);
  return table.signal(pid, `SIG${signal}`);
}

/** `kill -l`: every signal as ` 9) KILL`; `kill -l 9` → KILL; `kill -l KILL` → 9 (137, an exit status, → KILL). */
function listSignals(context: CommandContext, args: readonly string[]): number {
  if (args.length === 0) {
    context.stdout([...SIGNAL_NUMBERS].map(([name, number]) => `${String(number).padStart(2)}) ${name}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const number = /^\d+$/.test(arg) ? Number(arg) % 128 : undefined;
    const name = number !== undefined ? SIGNAL_NAMES.get(number) : signalName(arg);
    if (name === undefined || name === '0') status = complain(context, `bad signal name '${arg}'`);
    else context.stdout(`${number !== undefined ? name : SIGNAL_NUMBERS.get(name)}\n`);
  }
  return status;
}
