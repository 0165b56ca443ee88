/**
 * autoscaling/v2 HorizontalPodAutoscaler validation (ValidateHorizontalPodAutoscaler /
 * ...Update): a scale target reference, 1 ≤ minReplicas ≤ maxReplicas, well-formed
 * metric sources and targets, and scaling behavior within kube-apiserver's bounds.
 */
import type { CrossVersionObjectReference, HPAScalingRules, HorizontalPodAutoscalerSpec, MetricIdentifier, MetricSpec, MetricTarget } from 'kubernetes-types/autoscaling/v2';
import type { HorizontalPodAutoscaler } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { toQuantity } from '../quantity.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isValidPathSegmentName, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateContainerResourceName } from './resource-names.js';
import { isDNS1123Label } from './name-formats.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
/** The members of a MetricSpec that hold a metric source. */
type SourceField = Exclude<keyof MetricSpec, 'type'>;
const SOURCE_FIELDS: SourceField[] = ['object', 'external', 'pods', 'resource', 'containerResource'];
/** The member of a MetricSpec that each type needs. */
const SOURCE_FIELD: Record<string, SourceField> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };

/** ValidateCrossVersionObjectReference: kind and name set, and path segments. */
function validateReference(ref: CrossVersionObjectReference | undefined, path: string): FieldError[] {
  return (['kind', 'name'] as const).flatMap((fieldName) => {
    const value = String(ref?.[fieldName] ?? '');
    if (!value) return [required(child(path, fieldName))];
    return isValidPathSegmentName(value).map((message) => invalidValue(child(path, fieldName), value, message));
  });
}

function isPositive(value: unknown): boolean {
  try {
    return toQuantity(value).nanos > 0n;
  } catch {
    return false;
  }
}

function validateTarget(target: Partial<MetricTarget>, path: string): FieldError[] {
  const t: Partial<MetricTarget> = isStruct(target) ? target : {};
  const errors: FieldError[] = [];
  if (!t.type) errors.push(required(child(path, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t.type ?? '')) errors.push(invalidValue(child(path, 'type'), t.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  if (t.value !== undefined && t.value !== null && !isPositive(t.value)) errors.push(invalidValue(child(path, 'value'), t.value, 'must be positive'));
  if (t.averageValue !== undefined && t.averageValue !== null && !isPositive(t.averageValue)) errors.push(invalidValue(child(path, 'averageValue'), t.averageValue, 'must be positive'));
  if (typeof t.averageUtilization === 'number' && t.averageUtilization < 1) errors.push(invalidValue(child(path, 'averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  return errors;
}

function validateMetricName(metric: MetricIdentifier | undefined, path: string): FieldError[] {
  const name = String(metric?.name ?? '');
  if (!name) return [required(child(path, 'name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((message) => invalidValue(child(path, 'name'), name, message));
}

const has = (value: unknown) => value !== undefined && value !== null;

/** Any metric source: each has a target, and the fields of the others are optional in it. */
type MetricSource = Partial<NonNullable<MetricSpec['object']> & NonNullable<MetricSpec['containerResource']>>;

function validateSource(fieldName: SourceField, source: MetricSource | undefined, path: string): FieldError[] {
  const target: Partial<MetricTarget> = source?.target ?? {};
  const targetPath = child(path, 'target');
  const errors: FieldError[] = [];
  switch (fieldName) {
    case 'object':
      errors.push(...validateReference(source?.describedObject, child(path, 'describedObject')), ...validateMetricName(source?.metric, child(path, 'metric')), ...validateTarget(target, targetPath));
      if (!has(target.value) && !has(target.averageValue)) errors.push(required(child(targetPath, 'averageValue'), 'must set either a target value or averageValue'));
      break;
    case 'external':
      errors.push(...validateMetricName(source?.metric, child(path, 'metric')), ...validateTarget(target, targetPath));
      if (!has(target.value) && !has(target.averageValue)) errors.push(required(child(targetPath, 'averageValue'), 'must set either a target value for metric or a per-pod target'));
      if (has(target.value) && has(target.averageValue)) errors.push(forbiddenField(child(targetPath, 'value'), 'may not set both a target value for metric and a per-pod target'));
      break;
    case 'pods':
      errors.push(...validateMetricName(source?.metric, child(path, 'metric')), ...validateTarget(target, targetPath));
      if (!has(target.averageValue)) errors.push(required(child(targetPath, 'averageValue'), 'must specify a positive target averageValue'));
      break;
    default: {
      const name = String(source?.name ?? '');
      if (!name) errors.push(required(child(path, 'name'), 'must specify a resource name'));
      else if (fieldName === 'containerResource') errors.push(...validateContainerResourceName(name, child(path, 'name')));
      if (fieldName === 'containerResource') {
        const container = String(source?.container ?? '');
        if (!container) errors.push(required(child(path, 'container'), 'must specify a container'));
        else errors.push(...isDNS1123Label(container).map((message) => invalidValue(child(path, 'container'), container, message)));
      }
      errors.push(...validateTarget(target, targetPath));
      if (!has(target.averageUtilization) && !has(target.averageValue)) errors.push(required(child(targetPath, 'averageUtilization'), 'must set either a target raw value or a target utilization'));
      if (has(target.averageUtilization) && has(target.averageValue)) errors.push(forbiddenField(child(targetPath, 'averageValue'), 'may not set both a target raw value and a target utilization'));
    }
  }
  return errors;
}

function validateMetric(metric: MetricSpec | undefined, path: string): FieldError[] {
  const type = String(metric?.type ?? '');
  const errors: FieldError[] = [];
  if (!type) errors.push(required(child(path, 'type'), 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errors.push(notSupported(child(path, 'type'), type, METRIC_TYPES));
  const present = SOURCE_FIELDS.filter((fieldName) => has(metric?.[fieldName]));
  if (present.length > 0) errors.push(...validateSource(present[0], metric?.[present[0]], child(path, present[0])));
  const expected = SOURCE_FIELD[type];
  if (expected && !has(metric?.[expected])) errors.push(required(child(path, expected), 'must populate information for the given metric source'));
  if (!expected) errors.push(notSupported(child(path, 'type'), type, METRIC_TYPES));
  if (present.length !== 1) {
    for (const fieldName of present.filter((name) => name !== expected)) errors.push(forbiddenField(child(path, fieldName), 'must populate the given metric source only'));
  }
  return errors;
}

function validateScalingRules(rules: HPAScalingRules | undefined, path: string): FieldError[] {
  if (!isStruct(rules)) return [];
  const errors: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && window < 0) errors.push(invalidValue(child(path, 'stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (typeof window === 'number' && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errors.push(invalidValue(child(path, 'stabilizationWindowSeconds'), window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (has(rules.selectPolicy) && !SELECT_POLICIES.includes(String(rules.selectPolicy))) errors.push(notSupported(child(path, 'selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  const policies = listOf(rules.policies);
  if (policies.length === 0) errors.push(required(child(path, 'policies'), 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const policyPath = index(child(path, 'policies'), i);
    if (!POLICY_TYPES.includes(policy?.type ?? '')) errors.push(notSupported(child(policyPath, 'type'), policy?.type ?? '', POLICY_TYPES));
    const value = Number(policy?.value ?? 0);
    if (value <= 0) errors.push(invalidValue(child(policyPath, 'value'), value, 'must be greater than zero'));
    const period = Number(policy?.periodSeconds ?? 0);
    if (period <= 0) errors.push(invalidValue(child(policyPath, 'periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errors.push(invalidValue(child(policyPath, 'periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errors;
}

function validateSpec(spec: Partial<HorizontalPodAutoscalerSpec>, minReplicasLowerBound: number): FieldError[] {
  const errors: FieldError[] = [];
  const min = spec.minReplicas;
  const max = Number(spec.maxReplicas ?? 0);
  if (typeof min === 'number' && min < minReplicasLowerBound) errors.push(invalidValue('spec.minReplicas', min, `must be greater than or equal to ${minReplicasLowerBound}`));
  if (max < 1) errors.push(invalidValue('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errors.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errors.push(...validateReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  const metrics = listOf(spec.metrics);
  metrics.forEach((metric, i) => errors.push(...validateMetric(metric, index('spec.metrics', i))));
  if (min === 0 && !metrics.some((metric) => metric?.type === 'Object' || metric?.type === 'External')) {
    errors.push(forbiddenField('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (isStruct(spec.behavior)) {
    errors.push(...validateScalingRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateScalingRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errors;
}

/** Checks a HorizontalPodAutoscaler being created (HPAScaleToZero is off in 1.32). */
export function validateHorizontalPodAutoscalerCreate(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, META), ...validateSpec(isStruct(hpa.spec) ? hpa.spec : {}, 1)];
}

/** Checks a HorizontalPodAutoscaler update (one already at minReplicas 0 may stay there). */
export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  const lowerBound = old.spec?.minReplicas === 0 ? 0 : 1;
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata, META), ...validateSpec(isStruct(hpa.spec) ? hpa.spec : {}, lowerBound)];
}
