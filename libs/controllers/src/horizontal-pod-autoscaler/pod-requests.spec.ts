import type { Pod } from '@kubelab/api';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podRequests } from './pod-requests.js';

const withCpu = (name: string, cpu: string, extra: Record<string, unknown> = {}) => ({ name, resources: { requests: { cpu } }, ...extra });
const pod = (spec: PodSpec): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test-pod', namespace: 'test-namespace' }, spec });

// TestCalculatePodRequests of replica_calculator_test.go.
describe('podRequests', () => {
  it.each<{ name: string; pods: Pod[]; container: string; expected: Map<string, number> | { error: string } }>([
    { name: 'void', pods: [], container: '', expected: new Map() },
    { name: 'pod with regular containers', pods: [pod({ containers: [withCpu('container1', '100m'), withCpu('container2', '50m')] })], container: '', expected: new Map([['test-pod', 150]]) },
    { name: 'calculate requests with special container', pods: [pod({ containers: [withCpu('container1', '100m'), withCpu('container2', '50m')] })], container: 'container1', expected: new Map([['test-pod', 100]]) },
    { name: 'container missing requests', pods: [pod({ containers: [{ name: 'container1' }] })], container: '', expected: { error: 'missing request for cpu in container container1 of Pod test-pod' } },
    {
      name: 'pod with restartable init containers',
      pods: [pod({ containers: [withCpu('container1', '100m')], initContainers: [withCpu('init-container1', '20m'), withCpu('restartable-container1', '50m', { restartPolicy: 'Always' })] })],
      container: '', expected: new Map([['test-pod', 150]]),
    },
  ])('$name', ({ pods, container, expected }) => {
    expect(podRequests(pods, container, 'cpu')).toEqual(expected);
  });
});
