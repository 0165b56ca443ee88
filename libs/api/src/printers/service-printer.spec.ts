import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { servicePrinter } from './service-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function service(spec: Service['spec'], status: Service['status'] = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' }, spec, status };
}

describe('servicePrinter', () => {
  it('declares NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE and wide SELECTOR', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Type:0',
      'Cluster-IP:0',
      'External-IP:0',
      'Port(s):0',
      'Age:0',
      'Selector:1',
    ]);
  });

  it.each<[string, Service['spec'], Service['status'], unknown[]]>([
    [
      'a ClusterIP service',
      { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { tier: 'fe', app: 'web' } },
      {},
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '60m', 'app=web,tier=fe'],
    ],
    [
      'a NodePort service with two ports',
      {
        type: 'NodePort',
        clusterIPs: ['10.96.0.11'],
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, nodePort: 30053, protocol: 'UDP' },
        ],
      },
      {},
      ['web', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP,53:30053/UDP', '60m', '<none>'],
    ],
    [
      'a headless service without ports',
      { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], externalIPs: ['1.2.3.4', '5.6.7.8'] },
      {},
      ['web', 'ClusterIP', 'None', '1.2.3.4,5.6.7.8', '<none>', '60m', '<none>'],
    ],
    [
      'a LoadBalancer still pending',
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] },
      {},
      ['web', 'LoadBalancer', '10.96.0.12', '<pending>', '443:31443/TCP', '60m', '<none>'],
    ],
    [
      'a LoadBalancer with ingress addresses and external IPs',
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], externalIPs: ['9.9.9.9'] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }] } },
      ['web', 'LoadBalancer', '10.96.0.12', '203.0.113.9,lb.example.com,9.9.9.9', '<none>', '60m', '<none>'],
    ],
    [
      'an ExternalName service',
      { type: 'ExternalName', externalName: 'db.example.com' },
      {},
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
    ],
  ])('prints %s', (_name, spec, status, cells) => {
    expect(servicePrinter.print(service(spec, status), now).cells).toEqual(cells);
  });
});
