/**
 * autoscaling/v2 HorizontalPodAutoscaler defaults (SetDefaults_HorizontalPodAutoscaler):
 * minReplicas 1, an 80% CPU utilization metric when none is given, and, when a behavior
 * is given, every unset scaling rule field filled from the default scale-up (0s window,
 * 4 pods or 100% per 15s, Max) and scale-down (100% per 15s, Max) rules.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { isPlainObject } from '../../object.js';
import type { HorizontalPodAutoscaler } from '../../typed-objects.js';
import { objectField } from './object-field.js';

const DEFAULT_CPU_UTILIZATION = 80;

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
const scaleDownDefaults = (): HPAScalingRules => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** copyHPAScalingRules: the given fields over the defaults (scale-down's window stays unset: the controller's flag decides it). */
function scalingRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  const rules: HPAScalingRules = isPlainObject(given) ? { ...given } : {};
  if (rules.selectPolicy === undefined || rules.selectPolicy === null) rules.selectPolicy = defaults.selectPolicy;
  if ((rules.stabilizationWindowSeconds === undefined || rules.stabilizationWindowSeconds === null) && defaults.stabilizationWindowSeconds !== undefined) {
    rules.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  }
  if (rules.policies === undefined || rules.policies === null) rules.policies = defaults.policies;
  return rules;
}

/** Fills a HorizontalPodAutoscaler's defaults in place. */
export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = objectField(hpa, 'spec');
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (isPlainObject(spec.behavior)) {
    spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
  if (!isPlainObject(hpa.status)) hpa.status = { desiredReplicas: 0 };
}
