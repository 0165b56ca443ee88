import { describe, expect, it } from 'vitest';
import { kubeletStart, type KubeletDisk } from './kubelet-config.js';

const good = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n'
  + 'cgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nstaticPodPath: /etc/kubernetes/manifests\n';
/** kubelet.conf as kubeadm join leaves it, its server the control plane's endpoint. */
const kubeconfig = (server = 'https://172.18.0.2:6443') => `apiVersion: v1
clusters:
- cluster: {certificate-authority-data: Q0E=, server: "${server}"}
  name: default-cluster
contexts:
- context: {cluster: default-cluster, namespace: default, user: default-auth}
  name: default-context
current-context: default-context
kind: Config
users:
- name: default-auth
  user: {client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem, client-key: /var/lib/kubelet/pki/kubelet-client-current.pem}
`;
const dns = { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local' };

function disk(config: string | undefined, extra: Record<string, string> = { '/etc/kubernetes/pki/ca.crt': 'CA', '/etc/kubernetes/kubelet.conf': kubeconfig() }): KubeletDisk {
  const files = new Map(Object.entries(extra));
  if (config !== undefined) files.set('/var/lib/kubelet/config.yaml', config);
  return { read: (path) => files.get(path), exists: (path) => files.has(path) || path === '/etc/kubernetes/manifests' };
}

const load = (why: string) => `failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error ${why}`;

describe('the kubelet starting on a node\'s files', () => {
  it('starts on kubeadm\'s configuration', () => {
    expect(kubeletStart(disk(good))).toEqual({ ok: true, notes: [], staticPodPath: '/etc/kubernetes/manifests', dns, cgroupDriver: 'systemd' });
  });

  it('watches no static pod folder when its configuration names none', () => {
    expect(kubeletStart(disk(good.replace('staticPodPath: /etc/kubernetes/manifests\n', '')))).toEqual({ ok: true, notes: [], dns, cgroupDriver: 'systemd' });
  });

  it.each([
    ['no file', undefined, load('failed to read kubelet config file "/var/lib/kubelet/config.yaml", error: open /var/lib/kubelet/config.yaml: no such file or directory')],
    ['an empty file', '', load('kubelet config file "/var/lib/kubelet/config.yaml" was empty')],
    ['broken YAML', 'kind: KubeletConfiguration\nauthentication\n  x509: {}\n', load('failed to decode: error converting YAML to JSON: yaml: line 2: could not find expected \':\'')],
    ['no kind', 'apiVersion: kubelet.config.k8s.io/v1beta1\n', load('failed to decode: Object \'Kind\' is missing in \'{"apiVersion":"kubelet.config.k8s.io/v1beta1"}\'')],
    ['a misspelt kind', good.replace('kind: KubeletConfiguration', 'kind: KubeletConfig'), load('failed to decode: no kind "KubeletConfig" is registered for version "kubelet.config.k8s.io/v1beta1" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:34"')],
    ['a wrong clientCAFile', good.replace('pki/ca.crt', 'pki/ca.cert'), 'failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca.cert: open /etc/kubernetes/pki/ca.cert: no such file or directory'],
  ])('exits 1 on %s, in the kubelet\'s words', (_, config, error) => {
    expect(kubeletStart(disk(config))).toEqual({ ok: false, error });
  });

  it('starts with a static pod path that is not there, and says it ignores it', () => {
    expect(kubeletStart(disk(good.replace('/etc/kubernetes/manifests', '/etc/kubernetes/manifest')))).toEqual({
      ok: true, notes: [{ source: 'file_linux.go:61', message: '"Unable to read config path" err="path does not exist, ignoring" path="/etc/kubernetes/manifest"' }],
      staticPodPath: '/etc/kubernetes/manifest', dns, cgroupDriver: 'systemd',
    });
  });

  it('gives its pods the clusterDNS it reads, and only logs an entry that is no address', () => {
    expect(kubeletStart(disk(good.replace('10.96.0.10', '10.96.0.100')))).toMatchObject({ ok: true, dns: { clusterDns: '10.96.0.100' } });
    expect(kubeletStart(disk(good.replace('10.96.0.10', '10.96.0.1000')))).toMatchObject({
      ok: true, dns: { clusterDomain: 'cluster.local' }, notes: [{ source: 'kubelet.go:511', message: '"Invalid clusterDNS IP" IP="10.96.0.1000"' }],
    });
  });

  it('asks containerd for the cgroup driver it reads, cgroupfs when it names none (the v1beta1 default)', () => {
    expect(kubeletStart(disk(good.replace('cgroupDriver: systemd', 'cgroupDriver: cgroupfs')))).toMatchObject({ ok: true, cgroupDriver: 'cgroupfs' });
    expect(kubeletStart(disk(good.replace('cgroupDriver: systemd\n', '')))).toMatchObject({ ok: true, cgroupDriver: 'cgroupfs' });
  });

  it.each([
    ['a port nothing listens on', 'https://172.18.0.2:6444', 'dial tcp 172.18.0.2:6444: connect: connection refused'],
    ['a name the node does not know', 'https://kube-apiserver:6443', 'dial tcp: lookup kube-apiserver on 172.18.0.1:53: no such host'],
    ['an address outside the lab', 'https://10.0.0.9:6443', 'dial tcp 10.0.0.9:6443: i/o timeout'],
  ])('runs cut off from the API when kubelet.conf names %s', (_, server, error) => {
    expect(kubeletStart(disk(good, { '/etc/kubernetes/pki/ca.crt': 'CA', '/etc/kubernetes/kubelet.conf': kubeconfig(server) }))).toMatchObject({ ok: true, unreachable: { server, error } });
  });

  it.each([
    ['no kubelet.conf nor bootstrap kubeconfig', {}, 'failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory'],
    ['a kubelet.conf whose context is not there', { '/etc/kubernetes/kubelet.conf': kubeconfig().replace('current-context: default-context', 'current-context: other') },
      'failed to run Kubelet: invalid kubeconfig: context was not found for specified context: other'],
    ['a kubelet.conf that is not YAML', { '/etc/kubernetes/kubelet.conf': 'clusters:\n- cluster\n  server: x\n' },
      'failed to run Kubelet: error loading config file "/etc/kubernetes/kubelet.conf": error converting YAML to JSON: yaml: line 2: could not find expected \':\''],
  ])('exits 1 with %s', (_, files, error) => {
    expect(kubeletStart(disk(good, { '/etc/kubernetes/pki/ca.crt': 'CA', ...files }))).toEqual({ ok: false, error });
  });
});
