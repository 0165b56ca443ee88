/**
 * Why an HPA rescaled, kept as JSON on its SuccessfulRescale / FailedRescale Event
 * (the message stays upstream's "New size: 4; reason: …") so that the event log holds
 * the numbers behind it and `kubelab why` can tell them: each metric's current value
 * against its target and the count it asked for, and what limited or stabilized it.
 */
import type { MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';

/** The annotation the horizontal pod autoscaler puts on its rescale Events. */
export const autoscalingDecisionAnnotation = 'kubelab.dev/autoscaling-decision';

/** One metric as it decided: "cpu" at "82%" of requests against "50%", asking for 4 replicas. */
export interface MetricReading {
  metric: string;
  container?: string;
  /** `utilization` (percent of requests) or `average` (per pod). */
  measure: 'utilization' | 'average';
  current: string;
  target: string;
  replicas?: number;
}

export interface AutoscalingDecision {
  target: { kind: string; name: string };
  from: number;
  to: number;
  reason: string;
  minReplicas: number;
  maxReplicas: number;
  metrics: MetricReading[];
  /** ScalingLimited when True, AbleToScale when stabilized: reason and message. */
  limited?: { reason: string; message: string };
  stabilized?: { reason: string; message: string };
}

/** The readings of the resource metrics that produced a status (the others cannot be read in the lab). */
export function metricReadings(specs: readonly MetricSpec[], statuses: readonly MetricStatus[] | undefined, proposals: readonly (number | undefined)[]): MetricReading[] {
  return specs.flatMap((spec, i): MetricReading[] => {
    const source = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined;
    const status = statuses?.[i];
    const current = status?.type === 'Resource' ? status.resource?.current : status?.type === 'ContainerResource' ? status.containerResource?.current : undefined;
    if (!source || !current) return [];
    const container = spec.type === 'ContainerResource' ? { container: spec.containerResource!.container } : {};
    const replicas = proposals[i] === undefined ? {} : { replicas: proposals[i] };
    if (source.target.averageValue !== undefined) {
      return [{ metric: source.name, ...container, measure: 'average', current: String(current.averageValue), target: String(source.target.averageValue), ...replicas }];
    }
    return [{ metric: source.name, ...container, measure: 'utilization', current: `${current.averageUtilization}%`, target: `${source.target.averageUtilization}%`, ...replicas }];
  });
}
