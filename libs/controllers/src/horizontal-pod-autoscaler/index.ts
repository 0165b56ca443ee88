/** The horizontal pod autoscaler: the pure decisions for the controller-manager's shell. */
export { rescaleDecisionAnnotation, type RescaleDecision } from './rescale-decision.js';
export type { HpaEvent } from './hpa-event.js';
export { emptyHpaHistory, type HpaHistory } from './hpa-history.js';
export { defaultHpaSettings, type HpaSettings } from './hpa-settings.js';
export type { PodMetricsItem } from './resource-metrics.js';
export type { PodMetricsListing } from './replica-calculator.js';
export { needsResourceMetrics, planRescale, settleRescale, type HpaObservation, type HpaPlan, type HpaSettlement, type TargetScale } from './reconcile-horizontal-pod-autoscaler.js';
export { scaleTargetResources, type ScaleResource } from './scale-target.js';
