/**
 * computeReplicasForMetrics (horizontal.go): one replica proposal per metric of the
 * spec, the largest winning. Resource and ContainerResource metrics are read from the
 * resource metrics API (metrics.k8s.io); Pods and Object metrics need the custom
 * metrics API and External ones the external metrics API, which the lab does not
 * serve, so they fail as kube-controller-manager's clients fail without those APIs.
 * Each failing metric records its Warning event; when every metric fails, or some fail
 * and the rest would scale down, the first failure's ScalingActive condition stands
 * and no proposal is made.
 */
import { formatQuantity, milliValue, toQuantity, type Pod } from '@kubelab/api';
import type { MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from 'kubernetes-types/autoscaling/v2';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { HpaConditionChange } from './hpa-conditions.js';
import type { HpaEvent } from './hpa-event.js';
import { averageValueReplicas, utilizationReplicas, type PodMetricsListing, type ResourceQuestion } from './replica-calculator.js';

/** What every metric of one HPA is computed from. */
export interface MetricContext {
  namespace: string;
  specReplicas: number;
  /** The pods the target's selector picks. */
  pods: readonly Pod[];
  listing: PodMetricsListing;
  question: Omit<ResourceQuestion, 'currentReplicas' | 'resource' | 'container' | 'pods' | 'listing'>;
}

/** One metric's proposal and status, or its failure (the error, the event recorded, the condition proposed). */
type MetricOutcome =
  | { replicas: number; metricName: string; status: MetricStatus }
  | { error: string; condition: HpaConditionChange };

/**
 * The combined proposal: `replicas` -1 when none can be made; `error` names the first failure when there was one;
 * `proposals` holds each metric's own count (undefined where it failed).
 */
export interface MetricsProposal {
  replicas: number;
  metricName: string;
  statuses: MetricStatus[];
  proposals: (number | undefined)[];
  error?: string;
  events: HpaEvent[];
  condition: HpaConditionChange;
}

const milli = (quantity: string | undefined): number => Number(milliValue(toQuantity(quantity ?? '0')));
const quantityOfMilli = (value: number): string => formatQuantity({ nanos: BigInt(value) * 1_000_000n, format: 'DecimalSI' });

const customMetricsUnavailable = 'unable to fetch metrics from custom metrics API: no known available metric versions found';
const externalMetricsUnavailable = (metric: string) =>
  `unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${metric}.external.metrics.k8s.io)`;

/** A *metav1.LabelSelector as Go's %+v prints it (its generated String method). */
function goLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return 'nil';
  const labels = Object.keys(selector.matchLabels ?? {}).sort().map((k) => `${k}: ${selector.matchLabels![k]},`).join('');
  const expressions = (selector.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

/** getUnableComputeReplicaCountCondition: the failure's event and ScalingActive condition. */
function unable(reason: string, error: string, events: HpaEvent[]): HpaConditionChange {
  events.push({ eventType: 'Warning', reason, message: error });
  return { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${error}` };
}

/** computeStatusForResourceMetricGeneric: a Resource or ContainerResource metric. */
function resourceMetric(ctx: MetricContext, name: string, container: string, target: MetricTarget): { replicas: number; metricName: string; current: MetricValueStatus } | { error: string } {
  const question: ResourceQuestion = { ...ctx.question, currentReplicas: ctx.specReplicas, resource: name, container, pods: ctx.pods, listing: ctx.listing };
  if (target.averageValue !== undefined) {
    const answer = averageValueReplicas(question, milli(target.averageValue));
    if ('error' in answer) return { error: `failed to get ${name} usage: ${answer.error}` };
    return { replicas: answer.replicas, metricName: `${name} resource`, current: { averageValue: quantityOfMilli(answer.usage) } };
  }
  if (target.averageUtilization === undefined) return { error: 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set' };
  const answer = utilizationReplicas(question, target.averageUtilization);
  if ('error' in answer) return { error: `failed to get ${name} utilization: ${answer.error}` };
  return {
    replicas: answer.replicas,
    metricName: container ? `${name} container resource utilization (percentage of request)` : `${name} resource utilization (percentage of request)`,
    current: { averageUtilization: answer.utilization, averageValue: quantityOfMilli(answer.rawAverage) },
  };
}

/** computeReplicasForMetric: one metric of the spec. */
function metricReplicas(ctx: MetricContext, spec: MetricSpec, events: HpaEvent[]): MetricOutcome {
  switch (spec.type) {
    case 'Resource': {
      const { name = '', target = { type: '' } } = spec.resource ?? {};
      const result = resourceMetric(ctx, name, '', target);
      if ('error' in result) return { error: `failed to get ${name} resource metric value: ${result.error}`, condition: unable('FailedGetResourceMetric', result.error, events) };
      return { replicas: result.replicas, metricName: result.metricName, status: { type: 'Resource', resource: { name, current: result.current } } };
    }
    case 'ContainerResource': {
      const { name = '', container = '', target = { type: '' } } = spec.containerResource ?? {};
      const result = resourceMetric(ctx, name, container, target);
      if ('error' in result) return { error: `failed to get ${container} container metric value: ${result.error}`, condition: unable('FailedGetContainerResourceMetric', result.error, events) };
      return { replicas: result.replicas, metricName: result.metricName, status: { type: 'ContainerResource', containerResource: { name, container, current: result.current } } };
    }
    case 'Pods': {
      const error = `unable to get metric ${spec.pods?.metric?.name ?? ''}: ${customMetricsUnavailable}`;
      return { error: `failed to get pods metric value: ${error}`, condition: unable('FailedGetPodsMetric', error, events) };
    }
    case 'Object': {
      const object = spec.object;
      const target = object?.target;
      const name = object?.metric?.name ?? '';
      const error = `unable to get metric ${name}: ${object?.describedObject?.kind ?? ''} on ${ctx.namespace} ${object?.describedObject?.name ?? ''}/${customMetricsUnavailable}`;
      if (target?.type === 'Value' && target.value !== undefined) {
        return { error: `failed to get object metric value: ${error}`, condition: unable('FailedGetObjectMetric', error, events) };
      }
      if (target?.type === 'AverageValue' && target.averageValue !== undefined) {
        return { error: `failed to get object metric value: failed to get ${name} object metric: ${error}`, condition: unable('FailedGetObjectMetric', error, events) };
      }
      const invalid = 'invalid object metric source: neither a value target nor an average value target was set';
      return { error: `failed to get object metric value: ${invalid}`, condition: unable('FailedGetObjectMetric', invalid, events) };
    }
    case 'External': {
      const metric = spec.external?.metric;
      const name = metric?.name ?? '';
      const target = spec.external?.target;
      const error = `unable to get external metric ${ctx.namespace}/${name}/${goLabelSelector(metric?.selector)}: ${externalMetricsUnavailable(name)}`;
      const outer = (inner: string) => `failed to get ${name} external metric value: ${inner}`;
      if (target?.averageValue !== undefined) return { error: outer(`failed to get ${name} external metric: ${error}`), condition: unable('FailedGetExternalMetric', error, events) };
      if (target?.value !== undefined) return { error: outer(`failed to get external metric ${name}: ${error}`), condition: unable('FailedGetExternalMetric', error, events) };
      const invalid = 'invalid external metric source: neither a value target nor an average value target was set';
      return { error: outer(invalid), condition: unable('FailedGetExternalMetric', invalid, events) };
    }
    default: {
      const error = `unknown metric source type "${spec.type}"`;
      return { error, condition: unable('InvalidMetricSourceType', error, events) };
    }
  }
}

/** computeReplicasForMetrics once the selector is valid: the largest proposal, every metric's status, the events and ScalingActive. */
export function metricsReplicas(ctx: MetricContext, specs: readonly MetricSpec[]): MetricsProposal {
  const events: HpaEvent[] = [];
  const statuses: MetricStatus[] = [];
  const proposals: (number | undefined)[] = [];
  let replicas = 0;
  let metricName = '';
  let invalid = 0;
  let firstFailure: { error: string; condition: HpaConditionChange } | undefined;
  for (const spec of specs) {
    const outcome = metricReplicas(ctx, spec, events);
    proposals.push('error' in outcome ? undefined : outcome.replicas);
    if ('error' in outcome) {
      statuses.push({ type: '' });
      firstFailure ??= outcome;
      invalid++;
      continue;
    }
    statuses.push(outcome.status);
    if (replicas === 0 || outcome.replicas > replicas) {
      replicas = outcome.replicas;
      metricName = outcome.metricName;
    }
  }
  const error = firstFailure && `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstFailure.error}`;
  if (firstFailure && (invalid >= specs.length || replicas < ctx.specReplicas)) {
    return { replicas: -1, metricName: '', statuses, proposals, error, events, condition: firstFailure.condition };
  }
  const condition: HpaConditionChange = { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metricName}` };
  return { replicas, metricName, statuses, proposals, ...(error ? { error } : {}), events, condition };
}
