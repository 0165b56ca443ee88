import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '@kubelab/api';
import { computePodTemplateHash, equalIgnoreHash, safeEncodeString } from './pod-template-hash.js';
import { fenceposts, maxUnavailable, scaledValue } from './rollout-params.js';
import { setNewReplicaSetAnnotations } from './revisions.js';
import { webDeployment } from './workload-sim.testing.js';

describe('pod-template-hash', () => {
  it('spells decimal digits in the SafeEncodeString alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it.each([
    { name: 'is deterministic and independent of key order', a: { metadata: { labels: { a: '1', b: '2' } } }, b: { metadata: { labels: { b: '2', a: '1' } } }, same: true },
    { name: 'changes with the template', a: { spec: { image: 'nginx:1' } }, b: { spec: { image: 'nginx:2' } }, same: false },
  ])('$name', ({ a, b, same }) => {
    expect(computePodTemplateHash(a) === computePodTemplateHash(b)).toBe(same);
  });

  it('changes with status.collisionCount', () => {
    const template = webDeployment().spec!.template;
    const hashes = new Set([undefined, 0, 1, 2].map((count) => computePodTemplateHash(template, count)));
    expect(hashes.size).toBe(4);
  });

  it.each([
    { name: 'the hash label is ignored', b: { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { x: 1 } }, equal: true },
    { name: 'an empty annotations map equals none', b: { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { x: 1 } }, equal: true },
    { name: 'other labels count', b: { metadata: { labels: { app: 'api' } }, spec: { x: 1 } }, equal: false },
    { name: 'the spec counts', b: { metadata: { labels: { app: 'web' } }, spec: { x: 2 } }, equal: false },
  ])('equalIgnoreHash: $name', ({ b, equal }) => {
    expect(equalIgnoreHash({ metadata: { labels: { app: 'web' } }, spec: { x: 1 } }, b)).toBe(equal);
  });
});

describe('rollout parameters', () => {
  it.each([
    { value: 2, total: 10, up: true, expected: 2 },
    { value: '25%', total: 3, up: true, expected: 1 },
    { value: '25%', total: 3, up: false, expected: 0 },
    { value: '50%', total: 5, up: true, expected: 3 },
    { value: '50%', total: 5, up: false, expected: 2 },
  ])('scaledValue($value of $total, roundUp $up) = $expected', ({ value, total, up, expected }) => {
    expect(scaledValue(value, total, up)).toBe(expected);
  });

  it.each([
    { replicas: 4, surge: '25%', unavailable: '25%', expected: { maxSurge: 1, maxUnavailable: 1 } },
    { replicas: 1, surge: 0, unavailable: '25%', expected: { maxSurge: 0, maxUnavailable: 1 } },
    { replicas: 10, surge: 3, unavailable: 2, expected: { maxSurge: 3, maxUnavailable: 2 } },
  ])('fenceposts for $replicas replicas, surge $surge, unavailable $unavailable', ({ replicas, surge, unavailable, expected }) => {
    const d = webDeployment({ replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } });
    expect(fenceposts(d)).toEqual(expected);
  });

  it('Recreate never allows unavailability by the rolling rules', () => {
    expect(maxUnavailable(webDeployment({ strategy: { type: 'Recreate' } }))).toBe(0);
  });
});

describe('setNewReplicaSetAnnotations', () => {
  const rsWith = (annotations: Record<string, string>) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-x', annotations }, spec: {} }) as ReplicaSet;

  it.each([
    { name: 'a new rs gets the revision and replicas annotations', before: {}, exists: false, revision: 1,
      after: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '4', 'kubernetes.io/change-cause': 'v2' } },
    { name: 'an old rs becoming new keeps its old revision in history', before: { 'deployment.kubernetes.io/revision': '1' }, exists: true, revision: 3,
      after: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1', 'kubernetes.io/change-cause': 'v2' } },
    { name: 'history grows comma-separated', before: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' }, exists: true, revision: 5,
      after: { 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1,3', 'kubernetes.io/change-cause': 'v2' } },
    { name: 'a higher revision is never lowered', before: { 'deployment.kubernetes.io/revision': '7' }, exists: true, revision: 5,
      after: { 'deployment.kubernetes.io/revision': '7', 'kubernetes.io/change-cause': 'v2' } },
  ])('$name', ({ before, exists, revision, after }) => {
    const d = webDeployment();
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'v2', 'deployment.kubernetes.io/revision': '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const rs = rsWith({ ...(before as Record<string, string>) });
    setNewReplicaSetAnnotations(d, rs, revision, exists);
    expect(rs.metadata.annotations).toEqual(after);
  });
});
