import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Service } from '../../typed-objects.js';
import { prepareServiceUpdate } from './service-update.js';

const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], ...spec } });
const current = svc({ type: 'NodePort', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, nodePort: 30080 }] });
const prepared = (spec: Record<string, unknown>) => {
  const next = svc(spec);
  prepareServiceUpdate(next, current);
  return (next as Service).spec!;
};

describe('prepareServiceUpdate (patchAllocatedValues, then normalizeClusterIPs)', () => {
  it.each([
    ['keeps the allocations a replace left out', { type: 'NodePort' }, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] }],
    ['makes clusterIPs follow a changed clusterIP', { type: 'NodePort', clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.10'] }, { clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'] }],
    ['leaves a clusterIPs the client changed too', { type: 'NodePort', clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.98'] }, { clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.98'] }],
    ['gives back clusterIPs an old client dropped', { type: 'NodePort', clusterIP: '10.96.0.10' }, { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] }],
    ['forgets the addresses of a Service turned ExternalName', { type: 'ExternalName', externalName: 'x.example.com' }, { clusterIP: undefined, clusterIPs: undefined }],
  ])('%s', (_name, spec, expected) => {
    const out = prepared(spec);
    expect({ clusterIP: out.clusterIP, clusterIPs: out.clusterIPs }).toEqual(expected);
  });

  it('keeps an allocated NodePort the client left out', () => {
    expect(prepared({ type: 'NodePort', ports: [{ port: 80 }] }).ports).toEqual([{ port: 80, nodePort: 30080 }]);
  });

  it('lets a Service made ClusterIP go of its node ports and traffic policy, but keeps a changed one for validation to judge', () => {
    const withPolicy = svc({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30080 }] });
    const next = svc({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30080 }] });
    prepareServiceUpdate(next, withPolicy);
    expect((next as Service).spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80 }] });
    expect((next as Service).spec!.externalTrafficPolicy).toBeUndefined();
    expect(prepared({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30081 }] }).ports).toEqual([{ port: 80, nodePort: 30081 }]);
  });

  it('gives a replace of a Service made ClusterIP no node port back', () => {
    expect(prepared({ type: 'ClusterIP', ports: [{ port: 80 }] }).ports).toEqual([{ port: 80 }]);
  });
});
