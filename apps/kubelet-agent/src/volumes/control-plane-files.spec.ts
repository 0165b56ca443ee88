import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { controlPlaneFiles } from './control-plane-files.js';

describe('the control-plane node\'s kubeadm files', () => {
  const issued = new Date('2026-11-25T10:00:00Z');
  const files = controlPlaneFiles('172.18.0.2', '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n', issued);

  it('holds the four static pod manifests, each a kube-system Pod named as kubeadm names it, on the host network', () => {
    const manifests = Object.entries(files).filter(([path]) => path.startsWith('/etc/kubernetes/manifests/'));
    expect(manifests.map(([path]) => path)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((n) => `/etc/kubernetes/manifests/${n}.yaml`));
    for (const [path, text] of manifests) {
      const pod = parse(text);
      expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'kube-system', labels: { tier: 'control-plane' } }, spec: { hostNetwork: true, priorityClassName: 'system-node-critical' } });
      expect(path).toBe(`/etc/kubernetes/manifests/${pod.metadata.name}.yaml`);
      const [container] = pod.spec.containers;
      expect(container.command[0]).toBe(pod.metadata.name);
      // Every mount names a volume of the pod, as the API requires.
      const volumes = pod.spec.volumes.map((v: { name: string }) => v.name);
      expect(container.volumeMounts.every((m: { name: string }) => volumes.includes(m.name))).toBe(true);
    }
  });

  it('names the kubeconfigs the components read, which are on the disk beside them', () => {
    const scheduler = parse(files['/etc/kubernetes/manifests/kube-scheduler.yaml']);
    expect(scheduler.spec.containers[0].command).toContain('--kubeconfig=/etc/kubernetes/scheduler.conf');
    const kubeconfig = parse(files['/etc/kubernetes/scheduler.conf']);
    expect(kubeconfig).toMatchObject({ kind: 'Config', 'current-context': 'system:kube-scheduler@kubernetes', clusters: [{ cluster: { server: 'https://172.18.0.2:6443' } }] });
    expect(Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toContain('BEGIN CERTIFICATE');
  });

  it('dates each certificate as kubeadm issues it (a year; its CAs ten), and no key', () => {
    expect(files['/etc/kubernetes/pki/apiserver.crt']).toBe('kubelab keeps the contents of apiserver.crt off the node\nnot before: 2026-11-25T10:00:00.000Z\nnot after: 2027-11-25T10:00:00.000Z\n');
    expect(files['/etc/kubernetes/pki/etcd/ca.crt']).toContain('not after: 2036-11-22T10:00:00.000Z\n');
    expect(files['/etc/kubernetes/pki/apiserver.key']).toBe('kubelab keeps the contents of apiserver.key off the node\n');
    const admin = parse(files['/etc/kubernetes/admin.conf']);
    expect(Buffer.from(admin.users[0].user['client-certificate-data'], 'base64').toString()).toContain('not after: 2027-11-25T10:00:00.000Z\n');
  });
});
