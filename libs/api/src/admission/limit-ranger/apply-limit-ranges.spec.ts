import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { applyLimitRanges } from './apply-limit-ranges.js';

const limitRange = (limits: object[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'default' }, spec: { limits } });
const pod = (spec: object): Pod => applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec }) as Pod;
const defaults = limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '200m', memory: '128Mi' } }]);

describe('applyLimitRanges', () => {
  it('defaults an nginx pod, annotates it, and makes it Burstable', () => {
    const result = applyLimitRanges(pod({ containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] }), [defaults]) as Pod;
    expect(result.spec!.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '200m', memory: '128Mi' } });
    expect(result.metadata.annotations).toEqual({
      'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    });
    expect(result.status!.qosClass).toBe('Burstable');
  });

  it.each([
    [
      'only the missing resources, containers before init containers',
      {
        initContainers: [{ name: 'init', image: 'busybox:1', resources: { limits: { cpu: '1' } } }],
        containers: [{ name: 'app', image: 'app:1', resources: { requests: { memory: '64Mi' } } }],
      },
      'LimitRanger plugin set: cpu request for container app; cpu, memory limit for container app; memory request for init container init; memory limit for init container init',
    ],
    ['nothing when everything is set', { containers: [{ name: 'app', image: 'app:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }, undefined],
  ])('sets %s', (_name, spec, annotation) => {
    const result = applyLimitRanges(pod(spec), [defaults]);
    expect(result.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(annotation);
  });

  it('uses a default request derived from the default limit, as stored LimitRanges have', () => {
    const result = applyLimitRanges(pod({ containers: [{ name: 'app', image: 'app:1' }] }), [limitRange([{ type: 'Container', default: { cpu: '1' } }])]) as Pod;
    expect(result.spec!.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('does not change the pod it was given', () => {
    const input = pod({ containers: [{ name: 'app', image: 'app:1' }] });
    applyLimitRanges(input, [defaults]);
    expect(input.spec!.containers[0].resources).toEqual({});
  });
});
