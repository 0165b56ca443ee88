/** Runs the probes the lifecycle says are due (probeSchedule) against the running containers, one run per probe at a time. */
import { probeResult, probeSchedule, type KubeletPod } from '@kubelab/pod-lifecycle';
import { runProbe } from '../runtime/probes.js';
import type { PodExecution } from './pod-execution.js';

/** Lab seconds before a due probe whose container the worker does not hold yet is looked at again. */
const retrySeconds = 1;

/**
 * Starts each due probe not already running; each result is reported and the worker decides again. Returns the lab instant
 * the next probe not under way is due (none: no probe to wait for), as each of the kubelet's probe workers keeps its own
 * period: a probe under way is followed by the sync its result brings.
 */
export function runDueProbes(exec: PodExecution, labPod: KubeletPod): number | undefined {
  const now = exec.deps.time.now().getTime();
  let next: number | undefined;
  const wakeAt = (at: number) => (next = Math.min(next ?? at, at));
  for (const due of probeSchedule(labPod, exec.runtime)) {
    const key = `probe:${due.container}:${due.probe}`;
    if (exec.inFlight.has(key)) continue;
    if (due.dueAt.getTime() > now) {
      wakeAt(due.dueAt.getTime());
      continue;
    }
    const container = exec.containers.own(due.container);
    if (!container) {
      wakeAt(now + retrySeconds * 1000);
      continue;
    }
    exec.inFlight.add(key);
    void runProbe(due.spec, container, exec.runtime.podIP, due.probe).then((outcome) => {
      exec.inFlight.delete(key);
      if (exec.stopped || exec.containers.own(due.container) !== container) return;
      exec.apply(probeResult(exec.runtime, due.container, due.probe, { ...outcome, now: exec.deps.time.now() }));
      exec.sync();
    });
  }
  return next;
}
