import { describe, expect, it } from 'vitest';
import { pruneUnknownFields } from './prune-unknown-fields.js';

describe('pruneUnknownFields', () => {
  it('drops unknown fields at every depth and keeps the rest', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadate: {},
      metadata: { name: 'web', labels: { any: 'label' }, extra: 1 },
      spec: {
        lifecycle: {},
        containers: [{ name: 'a', readinessprobe: {}, resources: { limits: { cpu: '1' } } }],
        nodeSelector: { disk: 'ssd' },
      },
    };
    expect(pruneUnknownFields('io.k8s.api.core.v1.Pod', pod)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { any: 'label' } },
      spec: { containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }], nodeSelector: { disk: 'ssd' } },
    });
  });

  it('returns a copy and leaves the input alone', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, bogus: true };
    const pruned = pruneUnknownFields('io.k8s.api.core.v1.Namespace', ns);
    pruned.metadata.name = 'b';
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, bogus: true });
  });
});
