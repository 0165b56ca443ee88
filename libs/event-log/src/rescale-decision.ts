/**
 * Why the HorizontalPodAutoscaler changed a scale, as the controller writes it in an
 * annotation on its SuccessfulRescale (and FailedRescale) Event: each metric with its
 * current value, its target and the replicas it proposed, the largest of which won,
 * what held it back (stabilization, limits), or the min/max bound it restored; and the
 * workload it scaled, so that the workload's story takes the Event in.
 */
import { milliValue, toQuantity } from '@kubelab/api';
import type { LogEntry } from './log-entry.js';

/** The annotation the horizontal-pod-autoscaler controller puts on its SuccessfulRescale events. */
export const rescaleDecisionAnnotation = 'kubelab.dev/rescale-decision';

export interface MetricProposal {
  /** `cpu`, `memory`, or a pods/object/external metric's name. */
  metric: string;
  /** The container of a ContainerResource metric. */
  container?: string;
  /** `82%` of requests, or an average value (`120Mi`). */
  current: string;
  target: string;
  /** True when the target is a utilization, a percentage of the pods' requests. */
  utilization: boolean;
  replicas: number;
}

export interface RescaleDecision {
  currentReplicas: number;
  desiredReplicas: number;
  metrics: MetricProposal[];
  /** The ScalingLimited condition's reason and message when a bound or policy held the proposal back. */
  limited?: { reason: string; message: string };
  /** The AbleToScale condition's reason and message when a stabilization window held it back. */
  stabilized?: { reason: string; message: string };
  /** The workload scaled (the HPA's scaleTargetRef). */
  target?: { kind: string; name: string };
  /** The Event's reason text: a metric above target, all below, or a bound restored (`Current number of replicas below Spec.MinReplicas`). */
  reason?: string;
  minReplicas?: number;
  maxReplicas?: number;
}

/** A percentage, or a quantity in milli-units, so that `900Mi` and `1Gi` compare as amounts. */
function amount(text: string): number {
  if (text.endsWith('%')) return Number.parseFloat(text);
  try {
    return Number(milliValue(toQuantity(text)));
  } catch {
    return Number.parseFloat(text);
  }
}

function compare(m: MetricProposal): string {
  const name = m.container ? `${m.metric} (container ${m.container})` : m.metric;
  const what = m.utilization ? `${name} ${m.current} of requests` : `${name} ${m.current}`;
  const current = amount(m.current);
  const target = amount(m.target);
  const relation = current > target ? '>' : current < target ? '<' : '=';
  return `${what} ${relation} ${m.target} target: ${m.replicas} replicas`;
}

/** The bound a rescale restored, when it was one. */
function boundLine(d: Partial<RescaleDecision>): string[] {
  if (d.reason === 'Current number of replicas below Spec.MinReplicas') return [`  ${d.currentReplicas} replicas < minReplicas ${d.minReplicas ?? '?'}`];
  if (d.reason === 'Current number of replicas above Spec.MaxReplicas') return [`  ${d.currentReplicas} replicas > maxReplicas ${d.maxReplicas ?? '?'}`];
  return [];
}

/** The lines a person reads under a SuccessfulRescale event. */
export function rescaleLines(d: Partial<RescaleDecision>): string[] {
  const metrics = d.metrics ?? [];
  const target = d.target ? ` ${d.target.kind} ${d.target.name}` : '';
  return [
    `autoscaler:${target} ${d.currentReplicas ?? '?'} → ${d.desiredReplicas ?? '?'} replicas${metrics.length ? ', the largest proposal of its metrics:' : ''}`,
    ...boundLine(d),
    ...metrics.map((m) => `  ${compare(m)}`),
    ...(d.stabilized ? [`  stabilized (${d.stabilized.reason}): ${d.stabilized.message}`] : []),
    ...(d.limited ? [`  limited (${d.limited.reason}): ${d.limited.message}`] : []),
  ];
}

/** The workload a rescale Event names (its decision's target), if it carries one. */
export function rescaledTarget(e: LogEntry): { kind: string; name: string } | undefined {
  const text = e.kind === 'Event' ? e.object?.metadata?.annotations?.[rescaleDecisionAnnotation] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const target = (JSON.parse(text) as Partial<RescaleDecision>).target;
    return target?.kind && target.name ? { kind: target.kind, name: target.name } : undefined;
  } catch {
    return undefined;
  }
}
