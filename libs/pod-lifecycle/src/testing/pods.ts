/**
 * Pods and a virtual clock for the specs: api-server-shaped pods (defaults applied, status as
 * the scheduler leaves it) and times as seconds after a fixed start.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeletPod, KubeletPodStatus } from '../kubelet-pod.js';

/** The instant the scenarios start at. */
export const T0 = Date.parse('2024-05-01T10:00:00Z');

/** The instant `seconds` after T0. */
export function at(seconds: number): Date {
  return new Date(T0 + seconds * 1000);
}

/** A container with the api-server's defaults. */
export function container(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', ...extra };
}

/** A scheduled pod as the api-server stores it. */
export function pod(spec: Partial<PodSpec> = {}, status: Partial<KubeletPodStatus> = {}): KubeletPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
    spec: { containers: [container('nginx')], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, nodeName: 'node-1', ...spec },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T09:59:59Z' }],
      qosClass: 'BestEffort',
      ...status,
    },
  };
}
