import type { KubeObject, Pod, Service } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';
import { describe, expect, it } from 'vitest';
import { EmulatedNetwork } from './cluster-network.js';
import { isPublicIp, publicAddress, publicPage } from './emulated-internet.js';

const cache = <T extends KubeObject>(objects: T[]) =>
  ({
    list: () => objects,
    get: (namespace: string, name: string) => objects.find((o) => o.metadata.namespace === namespace && o.metadata.name === name),
  }) as unknown as Informer<T>;

describe('publicAddress', () => {
  it.each(['info.cern.ch', 'example.com', 'kubernetes.io', 'google.com', 'www.google.com.', 'registry.k8s.io', 'api.github.com'])('resolves %s to a TEST-NET address', (name) => {
    expect(publicAddress(name)).toMatch(/^(198\.51\.100|203\.0\.113)\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/);
  });

  it('gives a name the same address every time, whatever its case, and different names different addresses', () => {
    expect(publicAddress('Example.COM')).toBe(publicAddress('example.com'));
    expect(publicAddress('kubernetes.io')).not.toBe(publicAddress('info.cern.ch'));
  });

  it.each([
    ['a name without a dot', 'nginx'],
    ['a Service in another namespace', 'nginx.default'],
    ['a headless Service pod name', 'web-0.nginx'],
    ['a cluster-domain name', 'myservice.default.svc.cluster.local'],
    ['a .svc name', 'myservice.default.svc'],
    ['the .invalid TLD', 'nothing.invalid'],
    ['the .test TLD', 'my.test'],
    ['the .example TLD', 'www.example'],
    ['localhost', 'app.localhost'],
    ['an IP literal', '10.0.0.1'],
    ['a label with an underscore', 'bad_name.com'],
    ['an empty label', 'a..com'],
  ])('leaves %s unresolved (%s)', (_, name) => {
    expect(publicAddress(name)).toBeUndefined();
  });
});

describe('isPublicIp', () => {
  it.each([
    ['198.51.100.7', true],
    ['93.184.216.34', true],
    ['10.244.0.5', false],
    ['10.96.0.1', false],
    ['172.18.0.2', false],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['not-an-ip', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicIp(ip)).toBe(expected);
  });
});

describe('the emulated internet through the cluster network', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name: 'web' }, spec: { clusterIP: '10.96.0.20', selector: { app: 'web' }, ports: [{ port: 80 }] } } as Service;
  const client = { namespace: 'default', name: 'client' };
  const network = new EmulatedNetwork(cache([service]), { local: cache<Pod>([]), cluster: async () => cache<Pod>([]), prepare: () => undefined }, () => undefined, async () => undefined, { networkPolicies: () => [], namespace: () => undefined }, () => undefined);

  it('resolves cluster names first and public names to their made-up address', async () => {
    expect(await network.lookup('web', 'default')).toBe('10.96.0.20');
    expect(await network.lookup('web.default.svc.cluster.local', 'default')).toBe('10.96.0.20');
    expect(await network.lookup('info.cern.ch', 'default')).toBe(publicAddress('info.cern.ch'));
    expect(await network.lookup('missing', 'default')).toBeUndefined();
    expect(await network.lookup('missing.default.svc.cluster.local', 'default')).toBeUndefined();
  });

  it('answers GETs to public hosts, over http and https, with a page naming the host', async () => {
    for (const url of ['http://info.cern.ch', 'https://example.com/some/path?q=1']) {
      const answer = await network.http(url, client);
      expect(answer?.status).toBe(200);
      expect(answer?.body).toContain(new URL(url).hostname);
      expect(answer?.body).toContain('kubelab emulated internet');
    }
  });

  it('does not answer for names that do not resolve, nor for a cluster IP with no backend', async () => {
    expect(await network.http('http://nothing.invalid/', client)).toBeUndefined();
    expect(await network.http('http://web/', client)).toBeUndefined();
    expect(await network.http('http://10.244.9.9/', client)).toBeUndefined();
  });

  it('answers a public IP literal too', async () => {
    expect(publicPage(new URL('http://203.0.113.5/')).body).toContain('<h1>203.0.113.5</h1>');
    expect((await network.http('http://203.0.113.5/', client))?.status).toBe(200);
  });
});
