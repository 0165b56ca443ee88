/**
 * autoscaling/v1 HorizontalPodAutoscaler ↔ the autoscaling/v2 object it is stored as,
 * as kube-apiserver converts them (pkg/apis/autoscaling/v1 conversion): v1 knows only a
 * CPU utilization target; whatever else v2 holds travels in the `autoscaling.alpha`
 * annotations so that a v1 round trip loses nothing.
 */
import type { HorizontalPodAutoscaler as HorizontalPodAutoscalerV1OfTypes } from 'kubernetes-types/autoscaling/v1';
import type {
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerCondition,
  MetricSpec,
  MetricStatus,
  ResourceMetricSource,
  ResourceMetricStatus,
} from 'kubernetes-types/autoscaling/v2';
import { cloneJson, type KubeObject } from '../object.js';
import type { HorizontalPodAutoscaler, Typed } from '../typed-objects.js';

type HorizontalPodAutoscalerV1 = Typed<HorizontalPodAutoscalerV1OfTypes>;

const metricsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
const currentMetricsAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';

const isCpuUtilization = (m: MetricSpec): m is MetricSpec & { resource: ResourceMetricSource } =>
  m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization';
const isCurrentCpu = (m: MetricStatus): m is MetricStatus & { resource: ResourceMetricStatus } =>
  m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.current?.averageUtilization !== undefined;

function annotate(annotations: Record<string, string>, key: string, value: unknown[] | object | undefined): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
  annotations[key] = JSON.stringify(value);
}

/** Takes one annotation out, parsed; it holds what hpaToV1 wrote there (`T`), or is dropped when it is not JSON. */
function readAnnotation<T>(annotations: Record<string, string>, key: string): T | undefined {
  const text = annotations[key];
  delete annotations[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** A stored v2 HPA as autoscaling/v1 shows it. */
export function hpaToV1(stored: KubeObject): KubeObject {
  const v2 = stored as HorizontalPodAutoscaler;
  const metadata = cloneJson(v2.metadata);
  const annotations: Record<string, string> = { ...(metadata.annotations ?? {}) };
  const metrics = v2.spec?.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  annotate(annotations, metricsAnnotation, metrics.filter((m) => m !== cpu));
  annotate(annotations, behaviorAnnotation, v2.spec?.behavior);
  const current = v2.status?.currentMetrics ?? [];
  const currentCpu = current.find(isCurrentCpu);
  annotate(annotations, currentMetricsAnnotation, current.filter((m) => m !== currentCpu));
  annotate(annotations, conditionsAnnotation, v2.status?.conditions);
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const spec: Record<string, unknown> = { scaleTargetRef: v2.spec?.scaleTargetRef, minReplicas: v2.spec?.minReplicas, maxReplicas: v2.spec?.maxReplicas };
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const status: Record<string, unknown> = {
    observedGeneration: v2.status?.observedGeneration,
    lastScaleTime: v2.status?.lastScaleTime,
    currentReplicas: v2.status?.currentReplicas ?? 0,
    desiredReplicas: v2.status?.desiredReplicas ?? 0,
  };
  if (currentCpu) status.currentCPUUtilizationPercentage = currentCpu.resource.current.averageUtilization;
  return { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata, spec: dropUndefined(spec), status: dropUndefined(status) };
}

/** An autoscaling/v1 HPA as the v2 object it is stored as. */
export function hpaFromV1(given: KubeObject): KubeObject {
  const v1 = given as HorizontalPodAutoscalerV1;
  const metadata = cloneJson(v1.metadata ?? {});
  const annotations: Record<string, string> = { ...(metadata.annotations ?? {}) };
  const otherMetrics = readAnnotation<MetricSpec[]>(annotations, metricsAnnotation) ?? [];
  const behavior = readAnnotation<HorizontalPodAutoscalerBehavior>(annotations, behaviorAnnotation);
  const otherCurrent = readAnnotation<MetricStatus[]>(annotations, currentMetricsAnnotation) ?? [];
  const conditions = readAnnotation<HorizontalPodAutoscalerCondition[]>(annotations, conditionsAnnotation);
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  const target = v1.spec?.targetCPUUtilizationPercentage;
  const metrics = [
    ...(target !== undefined ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }] : []),
    ...otherMetrics,
  ];
  const spec = dropUndefined({
    scaleTargetRef: v1.spec?.scaleTargetRef,
    minReplicas: v1.spec?.minReplicas,
    maxReplicas: v1.spec?.maxReplicas,
    metrics: metrics.length > 0 ? metrics : undefined,
    behavior,
  });
  const current = v1.status?.currentCPUUtilizationPercentage;
  const currentMetrics = [
    ...(current !== undefined ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] : []),
    ...otherCurrent,
  ];
  const status = v1.status === undefined ? undefined : dropUndefined({
    observedGeneration: v1.status.observedGeneration,
    lastScaleTime: v1.status.lastScaleTime,
    currentReplicas: v1.status.currentReplicas,
    desiredReplicas: v1.status.desiredReplicas,
    currentMetrics: currentMetrics.length > 0 ? currentMetrics : undefined,
    conditions,
  });
  return dropUndefined({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata, spec, status });
}

function dropUndefined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
