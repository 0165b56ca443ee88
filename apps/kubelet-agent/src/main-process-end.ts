/**
 * How a Go daemon's main process (the kubelet, containerd) ends on a signal root sends it, and what systemd journals
 * when it does. Go's runtime: a signal the program catches to shut down (both catch TERM and INT) ends it with status 0;
 * HUP and KILL kill it; QUIT and the fault signals make it dump its goroutines and exit 2; the rest it ignores (STOP
 * and its kin are not modelled). systemd counts status 0, and death by HUP, INT, TERM or PIPE, as a clean end.
 */
import { SIGNAL_NUMBERS } from '@kubelab/shell';

/** How the main process ended, as systemd records it. */
export interface MainProcessEnd {
  /** `exited` with a status, or `killed` by a signal. */
  readonly code: 'exited' | 'killed';
  /** `0/SUCCESS`, `2/INVALIDARGUMENT`, `9/KILL`. */
  readonly status: string;
  /** Why the unit failed; absent for a clean end. */
  readonly result?: 'exit-code' | 'signal';
}

/** The signals a Go daemon catches to shut down cleanly. */
const caughtToShutDown = new Set(['TERM', 'INT']);
/** Signals on which Go's runtime dumps its goroutines and exits 2. */
const goCrash = new Set(['QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'SEGV', 'STKFLT', 'SYS']);
/** Deaths by signal that systemd counts as clean (SuccessExitStatus's defaults). */
const cleanSignals = new Set(['HUP', 'INT', 'TERM', 'PIPE']);

/** How a Go daemon ends on `signal` (`SIGTERM`, `SIGKILL`…); undefined when it runs on. */
export function goDaemonEnd(signal: string): MainProcessEnd | undefined {
  const name = signal.replace(/^SIG/, '');
  if (caughtToShutDown.has(name)) return { code: 'exited', status: '0/SUCCESS' };
  if (name === 'KILL' || name === 'HUP') return { code: 'killed', status: `${SIGNAL_NUMBERS.get(name)}/${name}`, ...(cleanSignals.has(name) ? {} : { result: 'signal' as const }) };
  if (goCrash.has(name)) return { code: 'exited', status: '2/INVALIDARGUMENT', result: 'exit-code' };
  return undefined;
}

/** What systemd 252 journals when `unit`'s main process ended so. */
export function mainProcessEndLines(unit: string, end: MainProcessEnd): string[] {
  if (!end.result) return [`${unit}: Deactivated successfully.`];
  return [`${unit}: Main process exited, code=${end.code}, status=${end.status}`, `${unit}: Failed with result '${end.result}'.`];
}
