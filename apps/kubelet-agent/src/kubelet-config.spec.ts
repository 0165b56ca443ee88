import { describe, expect, it } from 'vitest';
import { kubeletStart, type KubeletDisk } from './kubelet-config.js';

const good = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nstaticPodPath: /etc/kubernetes/manifests\n';

function disk(config: string | undefined, extra: Record<string, string> = { '/etc/kubernetes/pki/ca.crt': 'CA' }): KubeletDisk {
  const files = new Map(Object.entries(extra));
  if (config !== undefined) files.set('/var/lib/kubelet/config.yaml', config);
  return { read: (path) => files.get(path), exists: (path) => files.has(path) || path === '/etc/kubernetes/manifests' };
}

const load = (why: string) => `failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error ${why}`;

describe('the kubelet starting on a node\'s files', () => {
  it('starts on kubeadm\'s configuration', () => {
    expect(kubeletStart(disk(good))).toEqual({ ok: true, notes: [], staticPodPath: '/etc/kubernetes/manifests' });
  });

  it('watches no static pod folder when its configuration names none', () => {
    expect(kubeletStart(disk(good.replace('staticPodPath: /etc/kubernetes/manifests\n', '')))).toEqual({ ok: true, notes: [] });
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
      staticPodPath: '/etc/kubernetes/manifest',
    });
  });
});
