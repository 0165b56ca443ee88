/**
 * How a killed process's exit status is derived. A process that dies of a
 * signal reports 128 + the signal number, which is what `kubectl describe pod`
 * shows as the container's last exit code (143 after SIGTERM, 137 after SIGKILL).
 */

/** The signals the kubelet sends a container's main process; pass one as the abort reason. */
export type TerminationSignal = 'SIGTERM' | 'SIGKILL';

const SIGTERM_STATUS = 128 + 15;
const SIGKILL_STATUS = 128 + 9;

/** The exit status of a process aborted with `reason`: 143 for 'SIGTERM', otherwise 137. */
export function exitCodeForSignal(reason: unknown): number {
  return reason === 'SIGTERM' ? SIGTERM_STATUS : SIGKILL_STATUS;
}
