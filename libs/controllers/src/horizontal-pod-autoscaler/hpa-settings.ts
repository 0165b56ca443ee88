/**
 * The horizontal pod autoscaler's tunables, kube-controller-manager's
 * --horizontal-pod-autoscaler-* flags with their 1.32 defaults. Durations are Kubernetes
 * seconds: the lab's clock makes them pass timeScale times faster.
 */

export interface HpaSettings {
  /** --horizontal-pod-autoscaler-sync-period: how often every HPA is looked at. */
  syncPeriodSeconds: number;
  /** --horizontal-pod-autoscaler-tolerance: a usage ratio this close to 1 changes nothing. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period: a pod this young may report CPU it only used to start. */
  cpuInitializationPeriodSeconds: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay: readiness changes this soon after start are its first. */
  initialReadinessDelaySeconds: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization: the highest recommendation of this long wins a scale-down. */
  downscaleStabilizationSeconds: number;
}

export const defaultHpaSettings: HpaSettings = {
  syncPeriodSeconds: 15,
  tolerance: 0.1,
  cpuInitializationPeriodSeconds: 5 * 60,
  initialReadinessDelaySeconds: 30,
  downscaleStabilizationSeconds: 5 * 60,
};
