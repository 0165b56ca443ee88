/**
 * Why the HorizontalPodAutoscaler changed a scale, as the controller writes it in an
 * annotation on its SuccessfulRescale Event: each metric with its current value, its
 * target and the replicas it proposed, the largest of which won, and what limited it.
 */

/** The annotation the horizontal-pod-autoscaler controller puts on its SuccessfulRescale events. */
export const rescaleDecisionAnnotation = 'kubelab.dev/rescale-decision';

export interface MetricProposal {
  /** `cpu`, `memory`, or a pods/object/external metric's name. */
  metric: string;
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
}

function compare(m: MetricProposal): string {
  const what = m.utilization ? `${m.metric} ${m.current} of requests` : `${m.metric} ${m.current}`;
  const current = Number.parseFloat(m.current);
  const target = Number.parseFloat(m.target);
  const relation = current > target ? '>' : current < target ? '<' : '=';
  return `${what} ${relation} ${m.target} target: ${m.replicas} replicas`;
}

/** The lines a person reads under a SuccessfulRescale event. */
export function rescaleLines(d: Partial<RescaleDecision>): string[] {
  return [
    `autoscaler: ${d.currentReplicas ?? '?'} → ${d.desiredReplicas ?? '?'} replicas, the largest proposal of its metrics:`,
    ...(d.metrics ?? []).map((m) => `  ${compare(m)}`),
    ...(d.limited ? [`  limited (${d.limited.reason}): ${d.limited.message}`] : []),
  ];
}
