import type { Pod } from '@kubelab/api';
import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { containerFiles, hostsFile, nodeResolver, podResolver, resolvConf, type ClusterDns } from './container-files.js';

const dns: ClusterDns = { nameserver: '10.96.0.10', domain: 'cluster.local', host: { nameservers: ['192.168.65.7'], searches: [], options: [] } };
const node = { name: 'node-1', ip: '172.18.0.2', allocatable: { cpu: '2', memory: '8Gi' } };
const pod = (spec: object = {}, namespace = 'default'): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace, uid: 'u-1' },
  spec: { nodeName: 'node-1', containers: [{ name: 'c' }], ...spec },
}) as Pod;
const files = (spec: object = {}, extra: { container?: Pick<Container, 'securityContext'> } = {}) =>
  containerFiles({ pod: pod(spec), podIP: '10.244.1.5', node, dns, container: extra.container ?? {}, argv: ['/bin/sh', '-c', 'sleep 3600'] });

describe('/etc/hosts', () => {
  it('is the kubelet\'s managed file: header, localhost lines, the pod IP with its hostname', () => {
    expect(hostsFile(pod(), '10.244.1.5', node, 'cluster.local')).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
      + 'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.5\tweb\n',
    );
  });

  it('appends hostAliases as the documentation\'s hostaliases-pod shows them', () => {
    const text = hostsFile(pod({ hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }] }), '10.244.1.5', node, 'cluster.local');
    expect(text.endsWith('10.244.1.5\tweb\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\n127.0.0.1\tbar.local\n10.1.2.3\tfoo.remote\n10.1.2.3\tbar.remote\n')).toBe(true);
  });

  it('names the pod by spec.hostname with its subdomain FQDN first, and truncates a long name to 63', () => {
    expect(hostsFile(pod({ hostname: 'busybox-1', subdomain: 'busybox-subdomain' }), '10.244.1.5', node, 'cluster.local'))
      .toContain('10.244.1.5\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n');
    const long = { ...pod(), metadata: { ...pod().metadata, name: `${'a'.repeat(62)}-b` } };
    expect(hostsFile(long, '10.244.1.5', node, 'cluster.local')).toContain(`10.244.1.5\t${'a'.repeat(62)}\n`);
  });

  it('is the node\'s file for a hostNetwork pod', () => {
    expect(hostsFile(pod({ hostNetwork: true }), '172.18.0.2', node, 'cluster.local')).toMatch(/^# Kubernetes-managed hosts file \(host network\)\.\n[\s\S]*172\.18\.0\.2\tnode-1\n$/);
  });
});

describe('/etc/resolv.conf', () => {
  it('points ClusterFirst pods at the cluster DNS with the namespace search path and ndots:5', () => {
    expect(resolvConf(podResolver(pod({}, 'shop'), dns))).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('gives Default pods and hostNetwork ClusterFirst pods the node\'s resolver, ClusterFirstWithHostNet the cluster\'s', () => {
    expect(resolvConf(podResolver(pod({ dnsPolicy: 'Default' }), dns))).toBe('nameserver 192.168.65.7\n');
    expect(resolvConf(podResolver(pod({ hostNetwork: true }), dns))).toBe('nameserver 192.168.65.7\n');
    expect(podResolver(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), dns).nameservers).toEqual(['10.96.0.10']);
  });

  it('has a node resolve through its network\'s gateway, as kind\'s nodes do', () => {
    expect(nodeResolver('172.18.0.7')).toEqual({ nameservers: ['172.18.0.1'], searches: [], options: [] });
    expect(containerFiles({ pod: pod({ dnsPolicy: 'Default' }), podIP: '10.244.1.5', node, dns: { nameserver: '10.96.0.10', domain: 'cluster.local' }, container: {}, argv: [] })['/etc/resolv.conf'])
      .toBe('nameserver 172.18.0.1\n');
  });

  it('gives None pods only their dnsConfig, as the documentation\'s custom-dns example shows', () => {
    const spec = { dnsPolicy: 'None', dnsConfig: { nameservers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } };
    expect(resolvConf(podResolver(pod(spec), dns))).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n');
  });

  it('merges dnsConfig over ClusterFirst: servers and searches appended without duplicates, an option replaced by name', () => {
    const r = podResolver(pod({ dnsConfig: { nameservers: ['10.96.0.10', '1.1.1.1'], searches: ['cluster.local', 'corp.example'], options: [{ name: 'ndots', value: '1' }, { name: 'timeout', value: '2' }] } }), dns);
    expect(r).toEqual({
      nameservers: ['10.96.0.10', '1.1.1.1'],
      searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'],
      options: ['ndots:1', 'timeout:2'],
    });
  });
});

describe('/etc/hostname and /proc', () => {
  it('writes the hostname, or the FQDN with setHostnameAsFQDN, or the node name on the host network', () => {
    expect(files()['/etc/hostname']).toBe('web\n');
    expect(files({ hostname: 'h', subdomain: 's', setHostnameAsFQDN: true })['/etc/hostname']).toBe('h.s.default.svc.cluster.local\n');
    expect(files({ hostNetwork: true })['/etc/hostname']).toBe('node-1\n');
  });

  it('shows PID 1 as the container\'s command, run as its user, and the node\'s CPUs and memory', () => {
    const f = files({ securityContext: { runAsUser: 1000 } }, { container: { securityContext: { runAsUser: 2000 } } });
    expect(f['/proc/1/cmdline']).toBe('/bin/sh\0-c\0sleep 3600\0');
    expect(f['/proc/1/status']).toMatch(/^Name:\tsh\n[\s\S]*Pid:\t1\nPPid:\t0\nUid:\t2000\t2000\t2000\t2000\n/);
    expect(f['/proc/cpuinfo'].match(/^processor\t: \d+$/gm)).toHaveLength(2);
    expect(f['/proc/meminfo']).toMatch(/^MemTotal: +8388608 kB\n/);
  });
});
