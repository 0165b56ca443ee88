/** Runs the probes the lifecycle says are due (dueProbes) against the running containers, one run per probe at a time. */
import { dueProbes, probeResult, type KubeletPod } from '@kubelab/pod-lifecycle';
import { runProbe } from '../runtime/probes.js';
import type { PodExecution } from './pod-execution.js';

/** Starts each due probe not already running; each result is reported and the worker decides again. */
export function runDueProbes(exec: PodExecution, labPod: KubeletPod): void {
  for (const due of dueProbes(labPod, exec.runtime, exec.deps.time.now())) {
    const key = `probe:${due.container}:${due.probe}`;
    const container = exec.containers.own(due.container);
    if (exec.inFlight.has(key) || !container) continue;
    exec.inFlight.add(key);
    void runProbe(due.spec, container, exec.runtime.podIP, due.probe).then((outcome) => {
      exec.inFlight.delete(key);
      if (exec.stopped || exec.containers.own(due.container) !== container) return;
      exec.apply(probeResult(exec.runtime, due.container, due.probe, { ...outcome, now: exec.deps.time.now() }));
      exec.sync();
    });
  }
}
