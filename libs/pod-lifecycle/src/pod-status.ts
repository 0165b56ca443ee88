/**
 * The pod status the kubelet reports (generateAPIPodStatus, the status manager's TerminatePod
 * and mergePodStatus): phase with its reason and message, conditions, host and pod IPs,
 * startTime, container statuses and the qosClass the api-server set. A terminal phase is only
 * reported once no container runs any more, and a terminal phase is never left.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import { containerStatuses } from './container-statuses.js';
import type { KubeletPod, KubeletPodStatus } from './kubelet-pod.js';
import { kubeletConditions, type KubeletPodCondition } from './pod-conditions.js';
import { anyContainerRunning, podFinished } from './pod-finished.js';
import { isTerminalPhase, kubeletPhase, type PodPhase } from './pod-phase.js';
import { specOf } from './pod-spec.js';
import { markLostContainers } from './lost-containers.js';
import type { PodRuntime } from './runtime-model.js';
import { kubeTime } from './time.js';

interface PhaseReport {
  phase: PodPhase;
  reason?: string;
  message?: string;
}

function phaseReport(phase: PodPhase, previous: PodStatus | KubeletPodStatus, runtime: PodRuntime): PhaseReport {
  const previousPhase = (previous.phase ?? 'Pending') as PodPhase;
  const kept = !isTerminalPhase(phase) && isTerminalPhase(previousPhase) ? previousPhase : phase;
  if (runtime.failure) return { phase: 'Failed', reason: runtime.failure.reason, message: runtime.failure.message };
  return kept === previousPhase ? { phase: kept, reason: previous.reason, message: previous.message } : { phase: kept };
}

/**
 * A pod the kubelet evicted ends with the DisruptionTarget condition (TerminationByKubelet, the eviction's message) once
 * it is Failed, as the status manager adds it then: in place of one it already has, else after the kubelet's conditions.
 */
function withDisruptionTarget(conditions: KubeletPodCondition[], runtime: PodRuntime, phase: PodPhase): KubeletPodCondition[] {
  const failure = runtime.failure;
  if (failure?.reason !== 'Evicted' || phase !== 'Failed') return conditions;
  const previous = conditions.find((c) => c.type === 'DisruptionTarget');
  const condition: KubeletPodCondition = {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: previous?.status === 'True' && previous.lastTransitionTime ? previous.lastTransitionTime : kubeTime(new Date(failure.at)),
    reason: 'TerminationByKubelet', message: failure.message,
  };
  return previous ? conditions.map((c) => (c === previous ? condition : c)) : [...conditions, condition];
}

/** The status to write for the pod at `now`, given what the node knows. */
export function podStatus(pod: KubeletPod, runtime: PodRuntime, now: Date): KubeletPodStatus {
  const spec = specOf(pod);
  const previous: PodStatus | KubeletPodStatus = pod.status ?? {};
  const finished = podFinished(pod, runtime);
  let { init, app } = containerStatuses(pod, runtime, now);
  let report = phaseReport(kubeletPhase(spec, init, app, finished), previous, runtime);
  const conditions = kubeletConditions({
    spec,
    previous: previous.conditions ?? [],
    initStatuses: init,
    appStatuses: app,
    phase: report.phase,
    sandboxReady: runtime.sandbox === 'ready' && !finished,
    now,
  });
  if (finished) {
    ({ init, app } = markLostContainers(init, app));
    if (!isTerminalPhase(report.phase)) report = { ...report, phase: 'Failed' };
  }
  const previousPhase = (previous.phase ?? 'Pending') as PodPhase;
  if (isTerminalPhase(report.phase) && !isTerminalPhase(previousPhase) && anyContainerRunning(runtime)) {
    report = { phase: previousPhase, reason: previous.reason, message: previous.message };
  }
  return {
    phase: report.phase,
    conditions: withDisruptionTarget(conditions, runtime, report.phase),
    ...(report.message ? { message: report.message } : {}),
    ...(report.reason ? { reason: report.reason } : {}),
    hostIP: runtime.hostIP,
    hostIPs: [{ ip: runtime.hostIP }],
    ...(runtime.podIP ? { podIP: runtime.podIP, podIPs: [{ ip: runtime.podIP }] } : {}),
    startTime: kubeTime(runtime.startTime),
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: app,
    ...(previous.qosClass ? { qosClass: previous.qosClass } : {}),
    ...(runtime.ephemeralContainerStatuses?.length ? { ephemeralContainerStatuses: runtime.ephemeralContainerStatuses } : {}),
  };
}
