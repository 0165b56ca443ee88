/**
 * `kubectl get horizontalpodautoscalers`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE,
 * read from the autoscaling/v2 shape HPAs are stored in.
 */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { optionalQuantityCell } from './quantity-cells.js';

const maxMetrics = 2;
const unknown = '<unknown>';

/** `45%`, or the given stand-in when there is no utilization. */
function percent(value: number | undefined, absent: string): string {
  return value === undefined || value === null ? absent : `${value}%`;
}

/** One metric's `current/target`, its current value taken from the status at the same index. */
function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      const current = status?.external?.current;
      if (target?.averageValue !== undefined) {
        const value = current?.averageValue === undefined ? unknown : optionalQuantityCell(current.averageValue);
        return `${value}/${optionalQuantityCell(target.averageValue)} (avg)`;
      }
      return `${status?.external ? optionalQuantityCell(current?.value) : unknown}/${optionalQuantityCell(target?.value)}`;
    }
    case 'Pods':
      return `${status?.pods ? optionalQuantityCell(status.pods.current?.averageValue) : unknown}/${optionalQuantityCell(spec.pods?.target?.averageValue)}`;
    case 'Object': {
      const target = spec.object?.target;
      const current = status?.object?.current;
      if (target?.averageValue !== undefined) {
        const value = current?.averageValue === undefined ? unknown : optionalQuantityCell(current.averageValue);
        return `${value}/${optionalQuantityCell(target.averageValue)} (avg)`;
      }
      return `${status?.object ? optionalQuantityCell(current?.value) : unknown}/${optionalQuantityCell(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const observed = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = source?.name ?? '';
      if (source?.target?.averageValue !== undefined) {
        return `${name}: ${observed ? optionalQuantityCell(observed.current?.averageValue) : unknown}/${optionalQuantityCell(source.target.averageValue)}`;
      }
      return `${name}: ${percent(observed?.current?.averageUtilization, unknown)}/${percent(source?.target?.averageUtilization, '<auto>')}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell: the first two metrics ", "-joined, then "+ N more..."; "<none>" without metrics. */
export function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  if (list.length <= maxMetrics) return list.join(', ');
  return `${list.slice(0, maxMetrics).join(', ')} + ${list.length - maxMetrics} more...`;
}

/** Prints HorizontalPodAutoscalers. */
export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Reference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    column('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.'),
    column('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
    column('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    column('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageColumn,
  ],
  print(obj, now) {
    const hpa = obj as HorizontalPodAutoscaler;
    const minReplicas = hpa.spec?.minReplicas;
    return {
      cells: [
        hpa.metadata?.name ?? '',
        `${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}`,
        hpaTargets(hpa),
        minReplicas === undefined || minReplicas === null ? '<unset>' : String(minReplicas),
        hpa.spec?.maxReplicas ?? 0,
        hpa.status?.currentReplicas ?? 0,
        ageSince(hpa.metadata?.creationTimestamp, now),
      ],
    };
  },
};
