/** controller-manager settings from flags (kube-controller-manager's names, and KUBELAB_* variables). */
import { parseGoDuration } from '@kubelab/api';
import { componentFlagsUsage, parseComponentFlags, type ComponentFlags } from '@kubelab/bus';
import { defaultHpaSettings, type HpaSettings } from '@kubelab/controllers';

export interface ControllerManagerConfig extends ComponentFlags {
  /** Seconds (Kubernetes time) without a lease renewal before a node is NotReady/Unknown. */
  nodeMonitorGracePeriodSeconds: number;
  /** Terminated pods kept before PodGC deletes the oldest. */
  terminatedPodGcThreshold: number;
  /** Syncs in flight per controller (--concurrent-*-syncs). */
  concurrentSyncs: number;
  /** The cluster CA (PEM file) published to every namespace as kube-root-ca.crt; without it that controller does not run. */
  rootCaFile?: string;
  /** The --horizontal-pod-autoscaler-* settings. */
  hpa: HpaSettings;
}

const usage = `usage: controller-manager ${componentFlagsUsage}
  [--node-monitor-grace-period 50s] [--terminated-pod-gc-threshold 12500] [--concurrent-syncs 5] [--root-ca-file FILE]
  [--horizontal-pod-autoscaler-sync-period 15s] [--horizontal-pod-autoscaler-tolerance 0.1]
  [--horizontal-pod-autoscaler-downscale-stabilization 5m0s] [--horizontal-pod-autoscaler-cpu-initialization-period 5m0s]
  [--horizontal-pod-autoscaler-initial-readiness-delay 30s]`;

function wholeNumber(text: string | undefined, flag: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/s$/, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} must be a whole number ≥ ${min}, got "${text}"`);
  return value;
}

/** A Go duration flag ("15s", "5m0s") in seconds; `positive` refuses zero. */
function durationSeconds(text: string | undefined, flag: string, fallback: number, positive = false): number {
  if (text === undefined) return fallback;
  const ms = parseGoDuration(text);
  if (ms === undefined || ms < 0 || (positive && ms === 0)) throw new Error(`--${flag} must be a ${positive ? 'positive ' : ''}duration such as 15s or 5m0s, got "${text}"`);
  return ms / 1000;
}

function tolerance(text: string | undefined): number {
  if (text === undefined) return defaultHpaSettings.tolerance;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`--horizontal-pod-autoscaler-tolerance must be a number ≥ 0, got "${text}"`);
  return value;
}

/** Parses argv; throws an Error whose message says what to fix. */
export function parseControllerManagerConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ControllerManagerConfig {
  const own = {
    'node-monitor-grace-period': { type: 'string' }, 'terminated-pod-gc-threshold': { type: 'string' }, 'concurrent-syncs': { type: 'string' },
    'root-ca-file': { type: 'string' },
    'horizontal-pod-autoscaler-sync-period': { type: 'string' }, 'horizontal-pod-autoscaler-tolerance': { type: 'string' },
    'horizontal-pod-autoscaler-downscale-stabilization': { type: 'string' }, 'horizontal-pod-autoscaler-cpu-initialization-period': { type: 'string' },
    'horizontal-pod-autoscaler-initial-readiness-delay': { type: 'string' },
  } as const;
  const { flags, values } = parseComponentFlags(argv, own, usage, env);
  return {
    ...flags,
    nodeMonitorGracePeriodSeconds: wholeNumber(values['node-monitor-grace-period'], 'node-monitor-grace-period', 50, 1),
    terminatedPodGcThreshold: wholeNumber(values['terminated-pod-gc-threshold'], 'terminated-pod-gc-threshold', 12_500, 0),
    concurrentSyncs: wholeNumber(values['concurrent-syncs'], 'concurrent-syncs', 5, 1),
    rootCaFile: values['root-ca-file'],
    hpa: {
      syncPeriodSeconds: durationSeconds(values['horizontal-pod-autoscaler-sync-period'], 'horizontal-pod-autoscaler-sync-period', defaultHpaSettings.syncPeriodSeconds, true),
      tolerance: tolerance(values['horizontal-pod-autoscaler-tolerance']),
      downscaleStabilizationSeconds: durationSeconds(
        values['horizontal-pod-autoscaler-downscale-stabilization'], 'horizontal-pod-autoscaler-downscale-stabilization', defaultHpaSettings.downscaleStabilizationSeconds,
      ),
      cpuInitializationPeriodSeconds: durationSeconds(
        values['horizontal-pod-autoscaler-cpu-initialization-period'], 'horizontal-pod-autoscaler-cpu-initialization-period', defaultHpaSettings.cpuInitializationPeriodSeconds,
      ),
      initialReadinessDelaySeconds: durationSeconds(
        values['horizontal-pod-autoscaler-initial-readiness-delay'], 'horizontal-pod-autoscaler-initial-readiness-delay', defaultHpaSettings.initialReadinessDelaySeconds,
      ),
    },
  };
}
