import { describe, expect, it } from 'vitest';
import { parseControllerManagerConfig } from './config.js';

const base = ['--nats-url', 'nats://127.0.0.1:4222'];

describe('parseControllerManagerConfig: the --horizontal-pod-autoscaler-* flags', () => {
  it("defaults to kube-controller-manager 1.32's", () => {
    expect(parseControllerManagerConfig(base, {}).hpa).toEqual({
      syncPeriodSeconds: 15, tolerance: 0.1, downscaleStabilizationSeconds: 300, cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30,
    });
  });

  it('reads Go durations and the tolerance', () => {
    const argv = [
      ...base, '--horizontal-pod-autoscaler-sync-period', '30s', '--horizontal-pod-autoscaler-tolerance', '0.05', '--horizontal-pod-autoscaler-downscale-stabilization', '1m30s',
      '--horizontal-pod-autoscaler-cpu-initialization-period', '2m', '--horizontal-pod-autoscaler-initial-readiness-delay', '0s',
    ];
    expect(parseControllerManagerConfig(argv, {}).hpa).toEqual({
      syncPeriodSeconds: 30, tolerance: 0.05, downscaleStabilizationSeconds: 90, cpuInitializationPeriodSeconds: 120, initialReadinessDelaySeconds: 0,
    });
  });

  it.each([
    [['--horizontal-pod-autoscaler-sync-period', '0s'], '--horizontal-pod-autoscaler-sync-period must be a positive duration such as 15s or 5m0s, got "0s"'],
    [['--horizontal-pod-autoscaler-sync-period', '15'], '--horizontal-pod-autoscaler-sync-period must be a positive duration such as 15s or 5m0s, got "15"'],
    [['--horizontal-pod-autoscaler-downscale-stabilization=-1m'], '--horizontal-pod-autoscaler-downscale-stabilization must be a duration such as 15s or 5m0s, got "-1m"'],
    [['--horizontal-pod-autoscaler-tolerance', 'lots'], '--horizontal-pod-autoscaler-tolerance must be a number ≥ 0, got "lots"'],
  ])('refuses %j', (flags, message) => {
    expect(() => parseControllerManagerConfig([...base, ...flags], {})).toThrow(message);
  });
});
