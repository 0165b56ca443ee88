import type { Pod } from '@kubelab/api';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nonZeroPodRequests, podRequests } from './pod-requests.js';

const container = (cpu?: string, memory?: string, extra: Record<string, unknown> = {}) => ({
  name: 'c',
  image: 'i',
  ...(cpu || memory ? { resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } } : {}),
  ...extra,
});
const pod = (spec: PodSpec): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('podRequests', () => {
  it.each([
    ['sums app containers', { containers: [container('100m', '64Mi'), container('250m', '1Gi')] }, { milliCpu: 350, memory: 1140850688 }],
    ['takes the largest init container when it is bigger', { containers: [container('100m')], initContainers: [container('2', '1Mi'), container('500m')] }, { milliCpu: 2000, memory: 1048576 }],
    [
      'adds sidecars to the app and to later init containers',
      { containers: [container('1')], initContainers: [container('300m', undefined, { restartPolicy: 'Always' }), container('1')] },
      { milliCpu: 1300, memory: 0 },
    ],
    ['adds pod overhead', { containers: [container('1', '1Gi')], overhead: { cpu: '250m', memory: '120Mi' } }, { milliCpu: 1250, memory: 1199570944 }],
    ['counts a container without requests as 0', { containers: [container()] }, { milliCpu: 0, memory: 0 }],
  ])('%s', (_label, spec, expected) => {
    expect(podRequests(pod(spec))).toEqual(expected);
  });

  it('uses 100m / 200Mi for unset requests when scoring, keeping explicit values (even 0)', () => {
    expect(nonZeroPodRequests(pod({ containers: [container(), container('0', '1Gi')] }))).toEqual({ milliCpu: 100, memory: 200 * 1024 * 1024 + 1073741824 });
  });
});
