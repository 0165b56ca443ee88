import { describe, expect, it } from 'vitest';
import { readCorefile, type Corefile } from './corefile.js';
import { reloadCorefile } from './corefile-reload.js';
import { resolverQueries, resolveThroughCorefile, type DnsRecords } from './corefile-answers.js';

const world = { readFile: (path: string) => (path === '/etc/resolv.conf' ? 'nameserver 172.18.0.1\n' : undefined), dnsPort: '53' };
const path = '/etc/coredns/Corefile';
const corefile = (text: string): Corefile => {
  const read = readCorefile(path, text, world);
  if (!read.ok) throw new Error(read.error);
  return read.corefile;
};
const kubeadm = corefile('.:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n    reload\n}\n');

/** The cluster holds the kubernetes Service and a headless Service's pod; the internet knows example.com. */
const cluster: Record<string, string> = { 'kubernetes.default.svc': '10.96.0.1', 'web-0.nginx.shop.svc': '10.244.1.5' };
const asked: string[] = [];
const records: DnsRecords = {
  cluster: (relative) => cluster[relative],
  upstream: (name) => (asked.push(name), name === 'example.com.' ? '198.51.100.7' : undefined),
};
const search = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
const lookup = (config: Corefile, name: string) => resolveThroughCorefile(config, name, search, records);

describe('names answered as the Corefile says', () => {
  it.each([
    ['kubernetes.default', '10.96.0.1'],
    ['kubernetes.default.svc.cluster.local', '10.96.0.1'],
    ['web-0.nginx', '10.244.1.5'],
    ['example.com', '198.51.100.7'],
    ['nothing.default', undefined],
  ])("resolves %s through kubeadm's Corefile", (name, address) => {
    expect(lookup(kubeadm, name)).toBe(address);
  });

  it('asks the search list first, then the name itself, unless it has five dots or ends in one', () => {
    expect(resolverQueries('web', ['ns.svc.cluster.local', 'cluster.local'])).toEqual(['web.ns.svc.cluster.local.', 'web.cluster.local.', 'web.']);
    expect(resolverQueries('a.b.c.d.e.f', ['cluster.local'])).toEqual(['a.b.c.d.e.f.', 'a.b.c.d.e.f.cluster.local.']);
    expect(resolverQueries('example.com.', ['cluster.local'])).toEqual(['example.com.']);
  });

  it('answers no cluster name when the kubernetes plugin serves another zone, and sends them upstream instead', () => {
    const misspelt = corefile('.:53 {\n    kubernetes cluster.locall in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\n');
    asked.length = 0;
    expect(lookup(misspelt, 'kubernetes.default')).toBeUndefined();
    expect(asked).toContain('kubernetes.default.svc.cluster.local.');
    expect(lookup(misspelt, 'example.com')).toBe('198.51.100.7');
  });

  it("answers NXDOMAIN for a cluster zone's unknown name without asking upstream, unless fallthrough covers it", () => {
    asked.length = 0;
    expect(lookup(kubeadm, 'nothing.default.svc.cluster.local.')).toBeUndefined();
    expect(asked).toEqual([]);
    const fallsThrough = corefile('.:53 {\n    kubernetes cluster.local {\n       fallthrough\n    }\n    forward . 8.8.8.8\n}\n');
    lookup(fallsThrough, 'nothing.default.svc.cluster.local.');
    expect(asked).toEqual(['nothing.default.svc.cluster.local.']);
  });

  it('leaves the internet unanswered without forward, and the zones forward excepts', () => {
    expect(lookup(corefile('.:53 {\n    kubernetes cluster.local\n}\n'), 'example.com')).toBeUndefined();
    expect(lookup(corefile('.:53 {\n    forward . 8.8.8.8 {\n        except com\n    }\n}\n'), 'example.com')).toBeUndefined();
    expect(lookup(corefile('.:53 {\n    kubernetes cluster.local\n}\n'), 'kubernetes.default')).toBe('10.96.0.1');
  });

  it('serves each name from the block of its longest zone, and nothing on port 53 when every block listens elsewhere', () => {
    const split = corefile('cluster.local:53 {\n    kubernetes\n}\n.:53 {\n    forward . 8.8.8.8\n}\n');
    expect([lookup(split, 'kubernetes.default'), lookup(split, 'example.com')]).toEqual(['10.96.0.1', '198.51.100.7']);
    expect(lookup(corefile('.:5353 {\n    kubernetes cluster.local\n    forward . 8.8.8.8\n}\n'), 'kubernetes.default')).toBeUndefined();
  });
});

describe('a running CoreDNS reloading its Corefile', () => {
  const misspeltZone = '.:53 {\n    kubernetes cluster.locall\n    forward . /etc/resolv.conf\n    reload\n}\n';

  it('serves a valid change at once, and keeps what it serves when the change is refused', () => {
    const changed = reloadCorefile(kubeadm, path, misspeltZone, world);
    expect(lookup(changed!, 'kubernetes.default')).toBeUndefined();
    const refused = reloadCorefile(changed, path, misspeltZone.replace('kubernetes', 'kubernete'), world);
    expect(refused).toBe(changed);
  });

  it('knows nothing until it has seen a valid Corefile', () => {
    expect(reloadCorefile(undefined, path, '.:53 {\n    kubernete cluster.local\n}\n', world)).toBeUndefined();
  });
});
