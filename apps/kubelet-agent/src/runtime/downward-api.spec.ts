import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { downwardApiFiles, formatMap, resourceFieldValue } from './downward-api.js';

const container = { name: 'client-container', resources: { requests: { cpu: '250m', memory: '32Mi' }, limits: { cpu: '500m', memory: '64Mi' } } };
const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'kubernetes-downwardapi-volume-example', namespace: 'default', labels: { zone: 'us-est-coast', cluster: 'test-cluster1', rack: 'rack-22' }, annotations: { build: 'two', builder: 'john-doe' } },
  spec: { containers: [container, { name: 'bare' }] },
};
const allocatable = { cpu: '4', memory: '8Gi' };

describe('the downward API', () => {
  it('writes labels and annotations as the documentation\'s dapi-volume example shows them', () => {
    const files = downwardApiFiles(pod, [
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
      { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
    ], allocatable);
    expect(files).toEqual({
      ok: true,
      value: { labels: 'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"', annotations: 'build="two"\nbuilder="john-doe"', name: 'kubernetes-downwardapi-volume-example' },
    });
  });

  it('quotes values as Go\'s %q does', () => {
    expect(formatMap({ b: 'say "hi"\n', a: 'é' })).toBe('a="\\u00e9"\nb="say \\"hi\\"\\n"');
  });

  it.each([
    [{ resource: 'limits.cpu', divisor: '1m' }, '500'],
    [{ resource: 'limits.cpu' }, '1'],
    [{ resource: 'requests.cpu', divisor: '1m' }, '250'],
    [{ resource: 'limits.memory', divisor: '1Mi' }, '64'],
    [{ resource: 'requests.memory' }, String(32 * 1024 * 1024)],
  ])('rounds %j up to its divisor: %s', (ref, value) => {
    expect(resourceFieldValue(container, ref, allocatable)).toBe(value);
  });

  it('takes the node\'s allocatable for an unset limit, and the limit for an unset request', () => {
    expect(resourceFieldValue({ name: 'bare' }, { resource: 'limits.memory', divisor: '1Gi' }, allocatable)).toBe('8');
    expect(resourceFieldValue({ resources: { limits: { cpu: '2' } } }, { resource: 'requests.cpu' }, allocatable)).toBe('2');
  });

  it('refuses what the kubelet refuses', () => {
    expect(downwardApiFiles(pod, [{ path: 'x', fieldRef: { fieldPath: 'spec.nope' } }], allocatable)).toEqual({ ok: false, message: 'unsupported fieldPath: spec.nope' });
    expect(downwardApiFiles(pod, [{ path: 'x', resourceFieldRef: { containerName: 'ghost', resource: 'limits.cpu' } }], allocatable)).toEqual({ ok: false, message: 'container ghost not found' });
    expect(downwardApiFiles(pod, [{ path: 'x', resourceFieldRef: { containerName: 'bare', resource: 'limits.nvidia.com/gpu' } }], allocatable))
      .toEqual({ ok: false, message: 'unsupported container resource : limits.nvidia.com/gpu' });
  });
});
