import { describe, expect, it } from 'vitest';
import type { Ingress, Service } from '@kubelab/api';
import type { Gateway } from './gateway-api.js';
import { hostReach } from './host-reach.js';

const service = (name: string, spec: Service['spec'], ip?: string): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec, ...(ip ? { status: { loadBalancer: { ingress: [{ ip }] } } } : {}),
});
const ingress = (name: string, spec: Ingress['spec'], served = true): Ingress => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'shop' }, spec, ...(served ? { status: { loadBalancer: { ingress: [{ hostname: 'localhost' }] } } } : {}),
});
const urls = { http: 'http://127.0.0.1:8080', https: 'https://127.0.0.1:8443' };

describe('what the host can reach', () => {
  it('lists each node port, each load balancer port, and each host of a served Ingress, with HTTPS where its TLS covers the host', () => {
    const rows = hostReach([
      service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      service('lb', { type: 'LoadBalancer', ports: [{ port: 8080, nodePort: 31080 }] }, '127.240.0.1'),
      service('inside', { type: 'ClusterIP', ports: [{ port: 80 }] }),
    ], [
      ingress('fruits', { tls: [{ hosts: ['secure.example'], secretName: 's' }], rules: [{ host: 'fruits.example' }, { host: 'secure.example' }] }),
      ingress('anyhost', { defaultBackend: { service: { name: 'web', port: { number: 80 } } } }),
      ingress('unserved', { rules: [{ host: 'x.example' }] }, false),
    ], [], urls);
    expect(rows).toEqual([
      { kind: 'LoadBalancer', name: 'default/lb', port: '8080', url: 'http://127.0.0.1:31080' },
      { kind: 'LoadBalancer', name: 'default/lb', port: '8080', url: 'http://127.240.0.1:8080' },
      { kind: 'NodePort', name: 'default/web', port: '80', url: 'http://127.0.0.1:30080' },
      { kind: 'Ingress', name: 'shop/anyhost', port: '80', url: 'http://127.0.0.1:8080' },
      { kind: 'Ingress', name: 'shop/fruits', port: '80', url: 'http://127.0.0.1:8080  (Host: fruits.example)' },
      { kind: 'Ingress', name: 'shop/fruits', port: '80', url: 'http://127.0.0.1:8080  (Host: secure.example)' },
      { kind: 'Ingress', name: 'shop/fruits', port: '443', url: 'https://127.0.0.1:8443  (Host: secure.example)' },
    ]);
  });
});

describe('what the host can reach through a Gateway', () => {
  const gateway = (name: string, programmed: boolean): Gateway => ({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace: 'infra' },
    spec: {
      gatewayClassName: 'kubelab',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example' }, { name: 'tcp', port: 5432, protocol: 'TCP' }],
    },
    status: { addresses: [{ type: 'IPAddress', value: '127.240.0.2' }], conditions: [{ type: 'Programmed', status: programmed ? 'True' : 'False', reason: 'Programmed', message: '', lastTransitionTime: '2026-11-25T00:00:00Z' }] },
  }) as Gateway;

  it('lists each HTTP and HTTPS listener of a programmed Gateway at its address, with its hostname as the Host to ask for', () => {
    expect(hostReach([], [], [gateway('shop', true), gateway('pending', false)])).toEqual([
      { kind: 'Gateway', name: 'infra/shop', port: '80', url: 'http://127.240.0.2:80' },
      { kind: 'Gateway', name: 'infra/shop', port: '443', url: 'https://127.240.0.2:443  (Host: shop.example)' },
    ]);
  });
});
