/**
 * Why an HPA rescaled, kept as JSON on its SuccessfulRescale / FailedRescale Event
 * (the message stays upstream's "New size: 4; reason: …") so that the event log holds
 * the numbers behind it and `kubelab why` can tell them (libs/event-log's
 * rescale-decision.ts reads it): each metric's value against its target and the count
 * it asked for, what held the rescale back, the bound it restored, the workload scaled.
 */
import type { MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';

/** The annotation the horizontal pod autoscaler puts on its rescale Events. */
export const rescaleDecisionAnnotation = 'kubelab.dev/rescale-decision';

/** One metric as it decided: "cpu" at "82%" of requests against "50%", asking for 4 replicas. */
export interface MetricProposal {
  metric: string;
  container?: string;
  current: string;
  target: string;
  /** True for a utilization target (percent of requests), false for an average value. */
  utilization: boolean;
  replicas: number;
}

export interface RescaleDecision {
  currentReplicas: number;
  desiredReplicas: number;
  metrics: MetricProposal[];
  /** ScalingLimited's reason and message when True. */
  limited?: { reason: string; message: string };
  /** AbleToScale's reason and message when a stabilization window held the proposal back. */
  stabilized?: { reason: string; message: string };
  target: { kind: string; name: string };
  reason: string;
  minReplicas: number;
  maxReplicas: number;
}

/** The proposals of the resource metrics that produced a status (the others cannot be read in the lab). */
export function metricProposals(specs: readonly MetricSpec[], statuses: readonly MetricStatus[] | undefined, proposals: readonly (number | undefined)[]): MetricProposal[] {
  return specs.flatMap((spec, i): MetricProposal[] => {
    const source = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined;
    const status = statuses?.[i];
    const current = status?.type === 'Resource' ? status.resource?.current : status?.type === 'ContainerResource' ? status.containerResource?.current : undefined;
    const replicas = proposals[i];
    if (!source || !current || replicas === undefined) return [];
    const container = spec.type === 'ContainerResource' ? { container: spec.containerResource!.container } : {};
    if (source.target.averageValue !== undefined) {
      return [{ metric: source.name, ...container, current: String(current.averageValue), target: String(source.target.averageValue), utilization: false, replicas }];
    }
    return [{ metric: source.name, ...container, current: `${current.averageUtilization}%`, target: `${source.target.averageUtilization}%`, utilization: true, replicas }];
  });
}
