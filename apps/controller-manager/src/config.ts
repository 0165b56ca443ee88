/** controller-manager settings from flags (kube-controller-manager's names, and KUBELAB_* variables). */
import { componentFlagsUsage, parseComponentFlags, type ComponentFlags } from '@kubelab/bus';

export interface ControllerManagerConfig extends ComponentFlags {
  /** Seconds (Kubernetes time) without a lease renewal before a node is NotReady/Unknown. */
  nodeMonitorGracePeriodSeconds: number;
  /** Terminated pods kept before PodGC deletes the oldest. */
  terminatedPodGcThreshold: number;
  /** Syncs in flight per controller (--concurrent-*-syncs). */
  concurrentSyncs: number;
  /** The cluster CA (PEM file) published to every namespace as kube-root-ca.crt; without it that controller does not run. */
  rootCaFile?: string;
}

const usage = `usage: controller-manager ${componentFlagsUsage}
  [--node-monitor-grace-period 50s] [--terminated-pod-gc-threshold 12500] [--concurrent-syncs 5] [--root-ca-file FILE]`;

function wholeNumber(text: string | undefined, flag: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/s$/, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} must be a whole number ≥ ${min}, got "${text}"`);
  return value;
}

/** Parses argv; throws an Error whose message says what to fix. */
export function parseControllerManagerConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ControllerManagerConfig {
  const own = {
    'node-monitor-grace-period': { type: 'string' }, 'terminated-pod-gc-threshold': { type: 'string' }, 'concurrent-syncs': { type: 'string' },
    'root-ca-file': { type: 'string' },
  } as const;
  const { flags, values } = parseComponentFlags(argv, own, usage, env);
  return {
    ...flags,
    nodeMonitorGracePeriodSeconds: wholeNumber(values['node-monitor-grace-period'], 'node-monitor-grace-period', 50, 1),
    terminatedPodGcThreshold: wholeNumber(values['terminated-pod-gc-threshold'], 'terminated-pod-gc-threshold', 12_500, 0),
    concurrentSyncs: wholeNumber(values['concurrent-syncs'], 'concurrent-syncs', 5, 1),
    rootCaFile: values['root-ca-file'],
  };
}
