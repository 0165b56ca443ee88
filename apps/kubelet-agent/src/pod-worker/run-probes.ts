/** Runs the probes the lifecycle says are due (probeSchedule) against the running containers, one run per probe at a time. */
import { probeResult, probeSchedule, type KubeletPod, type ProbeType } from '@kubelab/pod-lifecycle';
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
      const before = probeView(exec, due.container, due.probe);
      const update = probeResult(exec.runtime, due.container, due.probe, { ...outcome, now: exec.deps.time.now() });
      exec.apply(update);
      // As the kubelet's prober tells the status manager only of a result that changed: the same result again is waited past.
      if (update.events.length === 0 && probeView(exec, due.container, due.probe) === before) exec.probed();
      else exec.sync();
    });
  }
  return next;
}

/** What a probe's result decides of its container: the probe's outcome, whether the container started and is ready. */
function probeView(exec: PodExecution, name: string, probe: ProbeType): string {
  const container = exec.runtime.containers[name];
  return `${container?.probes[probe]?.outcome}/${container?.started}/${container?.ready}`;
}
