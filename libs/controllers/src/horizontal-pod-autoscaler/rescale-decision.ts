/**
 * Why an HPA rescaled, kept as JSON on its SuccessfulRescale / FailedRescale Event
 * (the message stays upstream's "New size: 4; reason: …") so that the event log holds
 * the numbers behind it and `kubelab why` can tell them (the format is libs/event-log's
 * rescale-decision.ts): each metric's value against its target and the count it asked
 * for, what held the rescale back, the bound it restored, the workload scaled.
 */
import type { MetricProposal, RescaleDecision as LogRescaleDecision } from '@kubelab/event-log';
import type { MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';

export { rescaleDecisionAnnotation } from '@kubelab/event-log';

/** A decision as the controller writes it: every field the log's reader may show, filled in. */
export type RescaleDecision = Required<Pick<LogRescaleDecision, 'target' | 'reason' | 'minReplicas' | 'maxReplicas'>> & LogRescaleDecision;

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
