import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '@kubelab/api';
import { hostRoutes, pickEndpoint, type AffinityTable } from './node-port-routes.js';

const service = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });
const slice = (service: string, ports: { name?: string; port: number }[], endpoints: { ip: string; node: string; ready?: boolean }[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name: `${service}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
  ports: ports.map((p) => ({ ...p, protocol: 'TCP' })),
  endpoints: endpoints.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready ?? true } })),
});

describe('where a request from the host to a node port or a load balancer goes', () => {
  it('leads each node port of a NodePort or LoadBalancer Service, and each port of a load balancer, to the ready endpoints of that port, at their target port', () => {
    const routes = hostRoutes([
      service('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }, { name: 'metrics', port: 9090, nodePort: 30090, protocol: 'TCP' }] }),
      { ...service('lb', { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31443 }] }), status: { loadBalancer: { ingress: [{ ip: '127.240.0.1' }] } } },
      service('inside', { type: 'ClusterIP', ports: [{ port: 80 }] }),
      service('dns', { type: 'NodePort', ports: [{ port: 53, nodePort: 30053, protocol: 'UDP' }] }),
    ], [
      slice('web', [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }], [{ ip: '10.244.1.2', node: 'node-1' }, { ip: '10.244.2.3', node: 'node-2', ready: false }]),
      slice('lb', [{ name: '', port: 8443 }], [{ ip: '10.244.2.4', node: 'node-2' }]),
    ]);
    expect([...routes.keys()].sort()).toEqual(['127.0.0.1:30080', '127.0.0.1:30090', '127.0.0.1:31443', '127.240.0.1:443']);
    expect(routes.get('127.240.0.1:443')).toEqual(routes.get('127.0.0.1:31443'));
    expect(routes.get('127.0.0.1:30080')).toEqual({ service: 'default/web:http', endpoints: [{ ip: '10.244.1.2', port: 8080, node: 'node-1' }] });
    expect(routes.get('127.0.0.1:30090')?.endpoints).toEqual([{ ip: '10.244.1.2', port: 9100, node: 'node-1' }]);
    expect(routes.get('127.0.0.1:31443')).toEqual({ service: 'default/lb:443', endpoints: [{ ip: '10.244.2.4', port: 8443, node: 'node-2' }] });
  });

  it('leaves a node port without endpoints in place, to be answered by nobody', () => {
    expect(hostRoutes([service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })], []).get('127.0.0.1:30080')).toEqual({ service: 'default/web:80', endpoints: [] });
  });

  it('draws an endpoint per request, but keeps a client on its own while sessionAffinity is ClientIP and its timeout runs', () => {
    const routes = hostRoutes([service('web', { type: 'NodePort', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ port: 80, nodePort: 30080 }] })],
      [slice('web', [{ port: 80 }], [{ ip: '10.244.1.2', node: 'node-1' }, { ip: '10.244.2.3', node: 'node-2' }])]);
    const route = routes.get('127.0.0.1:30080')!;
    const affinity: AffinityTable = new Map();
    expect(pickEndpoint(route, '127.0.0.1', affinity, 0, () => 1)?.ip).toBe('10.244.2.3');
    expect(pickEndpoint(route, '127.0.0.1', affinity, 59_000, () => 0)?.ip).toBe('10.244.2.3');
    expect(pickEndpoint(route, '127.0.0.1', affinity, 120_000, () => 0)?.ip).toBe('10.244.1.2');
    const free = { ...route, affinitySeconds: undefined };
    expect([0, 1, 0].map((n) => pickEndpoint(free, '127.0.0.1', new Map(), 0, () => n)?.ip)).toEqual(['10.244.1.2', '10.244.2.3', '10.244.1.2']);
    expect(pickEndpoint({ ...route, endpoints: [] }, '127.0.0.1', affinity, 0, () => 0)).toBeUndefined();
  });
});
