/** PodGC: pure decisions for the controller-manager's pod garbage collector. */
export { planPodGc, type PodGcAction, type PodGcOptions, type PodGcPlan, type PodGcReason } from './plan-pod-gc.js';
