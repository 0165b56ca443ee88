import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { formatQuantity } from '../quantity.js';
import { podEvaluator } from './pod-evaluator.js';

const now = new Date('2026-01-01T00:00:00Z');
const pod = (spec: object, extra: Partial<KubeObject> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec, ...extra }) as Pod;
const container = (name: string, resources: object = {}) => ({ name, image: 'nginx', resources });
const printed = (p: Pod) => Object.fromEntries([...podEvaluator.usage(p, now)].map(([name, q]) => [name, formatQuantity(q)]));

describe('podEvaluator.usage', () => {
  it('counts a pod, its requests (also as bare cpu/memory) and its limits', () => {
    const p = pod({ containers: [container('a', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m' } }), container('b', { requests: { cpu: '250m', memory: '64Mi' } })] });
    expect(printed(p)).toEqual({
      'count/pods': '1', pods: '1', cpu: '500m', 'requests.cpu': '500m', memory: '128Mi', 'requests.memory': '128Mi', 'limits.cpu': '500m',
    });
  });

  it('takes the init containers by their peak, adds the overhead, and charges extended resources as requests.<name>', () => {
    const p = pod({
      initContainers: [container('init', { requests: { cpu: '2' } })],
      containers: [container('app', { requests: { cpu: '1', 'example.com/gpu': '1' } })],
      overhead: { cpu: '100m' },
    });
    expect(printed(p)).toMatchObject({ 'requests.cpu': '2100m', 'requests.example.com/gpu': '1' });
  });

  it.each([
    ['Succeeded', { phase: 'Succeeded' }, {}],
    ['Failed', { phase: 'Failed' }, {}],
    ['past its deletion grace period', { phase: 'Running' }, { deletionTimestamp: '2025-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 }],
  ])('charges only count/pods for a pod %s', (_name, status, meta) => {
    const p = pod({ containers: [container('a', { requests: { cpu: '1' } })] }, { status, metadata: { name: 'p', namespace: 'ns', ...meta } });
    expect(printed(p)).toEqual({ 'count/pods': '1' });
  });

  it('still charges a pod within its deletion grace period', () => {
    const p = pod({ containers: [container('a')] }, { metadata: { name: 'p', namespace: 'ns', deletionTimestamp: '2025-12-31T23:59:50Z', deletionGracePeriodSeconds: 30 } });
    expect(printed(p)).toEqual({ 'count/pods': '1', pods: '1' });
  });
});

describe('podEvaluator.constraints', () => {
  it('names, per resource in order, the containers that do not declare a quota-tracked cpu or memory', () => {
    const p = pod({ initContainers: [container('setup')], containers: [container('web', { requests: { cpu: '1' } }), container('db')] });
    expect(podEvaluator.constraints(['limits.memory', 'requests.cpu', 'pods', 'requests.storage'], p)).toBe('must specify limits.memory for: db,setup,web; requests.cpu for: db,setup');
  });

  it('needs nothing when the quota tracks no cpu or memory, or every container declares them', () => {
    expect(podEvaluator.constraints(['pods', 'limits.ephemeral-storage'], pod({ containers: [container('a')] }))).toBeUndefined();
    expect(podEvaluator.constraints(['cpu'], pod({ containers: [container('a', { requests: { cpu: '1' } })] }))).toBeUndefined();
  });
});

describe('podEvaluator.matchingResources', () => {
  it('picks the pod resources, hugepages and requests of extended resources', () => {
    expect(podEvaluator.matchingResources(['pods', 'services', 'requests.storage', 'requests.cpu', 'hugepages-2Mi', 'requests.example.com/gpu', 'count/pods', 'count/jobs.batch']))
      .toEqual(['pods', 'requests.cpu', 'hugepages-2Mi', 'requests.example.com/gpu', 'count/pods']);
  });
});
