import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { ingressClassPrinter, ingressHosts, ingressPrinter } from './ingress-printers.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' });

describe('ingressPrinter', () => {
  it('declares NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    expect(ingressPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Class:0', 'Hosts:0', 'Address:0', 'Ports:0', 'Age:0']);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the minimal ingress of the docs, not yet admitted',
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('minimal-ingress'),
        spec: { ingressClassName: 'nginx-example', rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: { service: { name: 'test', port: { number: 80 } } } }] } }] },
      },
      ['minimal-ingress', 'nginx-example', '*', '', '80', '60m'],
    ],
    [
      'a TLS ingress with a load balancer (IPs sorted and de-duplicated, never clipped)',
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('tls-example-ingress'),
        spec: { tls: [{ hosts: ['https-example.foo.com'], secretName: 'testsecret-tls' }], rules: [{ host: 'https-example.foo.com' }, { host: 'bar.foo.com' }] },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.20' }, { hostname: 'a-very-long-load-balancer.example.com' }, { ip: '198.51.100.7' }, { ip: '203.0.113.20' }] } },
      },
      ['tls-example-ingress', '<none>', 'https-example.foo.com,bar.foo.com', '198.51.100.7,203.0.113.20,a-very-long-load-balancer.example.com', '80, 443', '60m'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(ingressPrinter.print(obj, now).cells).toEqual(cells);
  });

  it.each<[string, { host?: string }[], string]>([
    ['three hosts', [{ host: 'a.com' }, { host: 'b.com' }, { host: 'c.com' }], 'a.com,b.com,c.com'],
    ['five hosts', [{ host: 'a.com' }, { host: 'b.com' }, { host: 'c.com' }, { host: 'd.com' }, { host: 'e.com' }], 'a.com,b.com,c.com + 2 more...'],
    ['hostless rules counted in the remainder', [{ host: 'a.com' }, {}, { host: 'b.com' }, { host: 'c.com' }, { host: 'd.com' }], 'a.com,b.com,c.com + 2 more...'],
    ['a wildcard host', [{ host: '*.foo.com' }], '*.foo.com'],
    ['no hosts at all', [{}, {}], '*'],
  ])('lists the hosts of %s', (_name, rules, hosts) => {
    expect(ingressHosts(rules)).toBe(hosts);
  });
});

describe('ingressClassPrinter', () => {
  it.each<[string, object, unknown[]]>([
    [
      'the external-lb class of the docs',
      { controller: 'example.com/ingress-controller', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
      ['external-lb', 'example.com/ingress-controller', 'IngressParameters.k8s.example.com/external-lb', '60m'],
    ],
    ['parameters in the core group', { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'ConfigMap', name: 'nginx' } }, ['external-lb', 'k8s.io/ingress-nginx', 'ConfigMap/nginx', '60m']],
    ['an explicitly empty group', { controller: 'c', parameters: { apiGroup: '', kind: 'ConfigMap', name: 'x' } }, ['external-lb', 'c', 'ConfigMap./x', '60m']],
    ['no parameters', { controller: 'k8s.io/ingress-nginx' }, ['external-lb', 'k8s.io/ingress-nginx', '<none>', '60m']],
  ])('prints %s', (_name, spec, cells) => {
    const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta('external-lb'), spec } as KubeObject;
    expect(ingressClassPrinter.print(obj, now).cells).toEqual(cells);
  });
});
