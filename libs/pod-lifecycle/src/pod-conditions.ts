/**
 * The conditions the kubelet owns (generateAPIPodStatus + status/generate.go), after the
 * conditions it does not own: PodReadyToStartContainers, Initialized, Ready, ContainersReady,
 * PodScheduled, with Kubernetes' reasons and messages (a sidecar is initialized once started, and
 * its readiness counts beside the app containers'). lastTransitionTime is carried over from
 * the previous status while a condition keeps its status, else it is now (updateLastTransitionTime).
 */
import type { Container, ContainerStatus, PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import { anyAppContainerStarted, type PodPhase } from './pod-phase.js';
import { isSidecar } from './sidecar.js';
import { kubeTime } from './time.js';

/** A pod condition as the api returns it: lastProbeTime is null when never probed. */
export type KubeletPodCondition = Omit<PodCondition, 'lastProbeTime'> & { lastProbeTime?: string | null };

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** What the conditions are computed from. */
export interface ConditionInputs {
  spec: PodSpec;
  previous: KubeletPodCondition[];
  initStatuses: ContainerStatus[];
  appStatuses: ContainerStatus[];
  phase: PodPhase;
  sandboxReady: boolean;
  now: Date;
}

type Generated = { type: string; status: 'True' | 'False'; reason?: string; message?: string };

/** Go's %s of a []string: `[a b]`. */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function statusOf(statuses: ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

function terminalReason(phase: PodPhase): string | undefined {
  if (phase === 'Failed') return 'PodFailed';
  return phase === 'Succeeded' ? 'PodCompleted' : undefined;
}

function containersReady(inputs: ConditionInputs): Generated {
  const unknown: string[] = [];
  const unready: string[] = [];
  const counted: [Container, ContainerStatus[]][] = [
    ...(inputs.spec.initContainers ?? []).filter(isSidecar).map((c): [Container, ContainerStatus[]] => [c, inputs.initStatuses]),
    ...(inputs.spec.containers ?? []).map((c): [Container, ContainerStatus[]] => [c, inputs.appStatuses]),
  ];
  for (const [container, statuses] of counted) {
    const status = statusOf(statuses, container.name);
    if (!status) unknown.push(container.name);
    else if (!status.ready) unready.push(container.name);
  }
  if ((inputs.phase === 'Succeeded' && unknown.length === 0) || inputs.phase === 'Failed') {
    return { type: 'ContainersReady', status: 'False', reason: terminalReason(inputs.phase) };
  }
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

function readinessGateMessages(spec: PodSpec, conditions: KubeletPodCondition[]): string[] {
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const condition = conditions.find((c) => c.type === gate.conditionType);
    if (!condition) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (condition.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${condition.status}`);
  }
  return messages;
}

function podReady(inputs: ConditionInputs, containers: Generated, others: KubeletPodCondition[]): Generated {
  if (containers.status !== 'True') return { ...containers, type: 'Ready' };
  const messages = readinessGateMessages(inputs.spec, others);
  if (messages.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type: 'Ready', status: 'True' };
}

function initialized(inputs: ConditionInputs): Generated {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const container of inputs.spec.initContainers ?? []) {
    const status = statusOf(inputs.initStatuses, container.name);
    if (!status) unknown.push(container.name);
    else if (isSidecar(container) ? !status.started : !status.ready) incomplete.push(container.name);
  }
  if (inputs.phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (anyAppContainerStarted(inputs.appStatuses)) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

function withTimes(generated: Generated, inputs: ConditionInputs): KubeletPodCondition {
  const previous = inputs.previous.find((c) => c.type === generated.type);
  const kept = previous && previous.status === generated.status && previous.lastTransitionTime;
  return {
    type: generated.type,
    status: generated.status,
    lastProbeTime: null,
    lastTransitionTime: kept || kubeTime(inputs.now),
    ...(generated.reason ? { reason: generated.reason } : {}),
    ...(generated.message ? { message: generated.message } : {}),
  };
}

/** The pod's conditions: the ones others own, kept in place, then the kubelet's. */
export function kubeletConditions(inputs: ConditionInputs): KubeletPodCondition[] {
  const others = inputs.previous.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const containers = containersReady(inputs);
  const generated: Generated[] = [
    { type: 'PodReadyToStartContainers', status: inputs.sandboxReady ? 'True' : 'False' },
    initialized(inputs),
    podReady(inputs, containers, others),
    containers,
    { type: 'PodScheduled', status: 'True' },
  ];
  return [...others, ...generated.map((g) => withTimes(g, inputs))];
}
