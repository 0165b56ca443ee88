/**
 * When a pod's worker decides again without being woken by anything else: at the next instant the lifecycle named
 * (WaitUntil), and when its next probe is due, whatever else wakes the pod.
 */
import { SYNC_RETRY_SECONDS, type PodAction } from '@kubelab/pod-lifecycle';
import type { LabClock } from '../runtime/lab-clock.js';
import type { LabTime } from '../runtime/lab-time.js';

/** Real milliseconds a wake-up is at least away, so a WaitUntil already due does not spin. */
const minimumWakeMs = 5;

export class SyncTimers {
  private wake?: NodeJS.Timeout;
  private probeWake?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;

  constructor(private readonly clock: LabClock, private readonly time: LabTime, private readonly sync: () => void) {}

  /**
   * Wakes when the next probe is due (a lab instant; none: no probe to wait for), as each of the kubelet's probe workers
   * keeps its own period. A due time already past wakes at once: it fell due while the sync that saw it coming went on.
   */
  wakeForProbe(at: number | undefined): void {
    clearTimeout(this.probeWake);
    if (at !== undefined) this.probeWake = setTimeout(this.sync, Math.max(minimumWakeMs, this.time.msUntil(new Date(at))));
  }

  /** Wakes at the earliest WaitUntil among the actions (none: no wake-up). */
  wakeFor(actions: readonly PodAction[]): void {
    clearTimeout(this.wake);
    const waits = actions.flatMap((a) => (a.type === 'WaitUntil' ? [a.at.getTime()] : []));
    if (waits.length === 0) return;
    const ms = this.time.msUntil(new Date(Math.min(...waits)));
    this.wake = setTimeout(this.sync, Math.max(minimumWakeMs, ms));
  }

  /** A sync that failed where the lifecycle does not decide (containerd refused the sandbox) is tried again after the pod worker's back-off. */
  retryFailedSync(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(this.sync, this.clock.realMs(SYNC_RETRY_SECONDS));
  }

  stop(): void {
    clearTimeout(this.wake);
    clearTimeout(this.retry);
    clearTimeout(this.probeWake);
  }
}
