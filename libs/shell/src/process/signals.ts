/**
 * How a killed process's exit status is derived. A process that dies of a
 * signal reports 128 + the signal number, which is what `kubectl describe pod`
 * shows as the container's last exit code (143 after SIGTERM, 137 after SIGKILL)
 * and what `kubectl exec` exits with (130 after Ctrl-C).
 */

/** The signals the kubelet sends a container's main process; pass one as the abort reason. */
export type TerminationSignal = 'SIGTERM' | 'SIGKILL';

/** The signals a session can deliver to the process it runs. */
export type SessionSignal = TerminationSignal | 'SIGINT' | 'SIGHUP';

/** Linux signal numbers by name (without SIG), in `kill -l` order; 29 is IO (POLL). */
export const SIGNAL_NUMBERS: ReadonlyMap<string, number> = new Map(
  ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS'].map(
    (name, index) => [name, index + 1],
  ),
);

const SIGKILL_STATUS = 128 + 9;

/** The exit status of a process aborted with `reason`: 128 + the signal's number for 'SIGxxx' names, otherwise 137. */
export function exitCodeForSignal(reason: unknown): number {
  const number = typeof reason === 'string' && reason.startsWith('SIG') ? SIGNAL_NUMBERS.get(reason.slice(3)) : undefined;
  return number === undefined ? SIGKILL_STATUS : 128 + number;
}
