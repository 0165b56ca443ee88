import { describe, expect, it } from 'vitest';
import { kubeadmAddons } from './kubeadm-addons.js';

describe('kubeadm\'s add-ons', () => {
  const objects = kubeadmAddons('10.96.0.10', '10.96.0.0/12');

  it('are what kubeadm init and kind add (its ClusterConfiguration first) to kube-system, in the order they are made', () => {
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'ConfigMap kube-system/kubeadm-config', 'ServiceAccount kube-system/coredns', 'ClusterRole /system:coredns', 'ClusterRoleBinding /system:coredns', 'ConfigMap kube-system/coredns',
      'Deployment kube-system/coredns', 'Service kube-system/kube-dns', 'ServiceAccount kube-system/kube-proxy', 'ClusterRoleBinding /kubeadm:node-proxier',
      'ConfigMap kube-system/kube-proxy', 'DaemonSet kube-system/kube-proxy', 'ServiceAccount kube-system/kindnet', 'ClusterRole /kindnet',
      'ClusterRoleBinding /kindnet', 'DaemonSet kube-system/kindnet',
    ]);
  });

  it('put kube-dns at the cluster DNS address, CoreDNS on the control plane too, and the Corefile where CoreDNS reads it', () => {
    const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as Record<string, any>;
    expect(byName('Service', 'kube-dns').spec.clusterIP).toBe('10.96.0.10');
    const coredns = byName('Deployment', 'coredns').spec.template.spec;
    expect(coredns.tolerations).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(coredns.containers[0].args).toEqual(['-conf', '/etc/coredns/Corefile']);
    expect(byName('ConfigMap', 'coredns').data.Corefile).toMatch(/^\.:53 \{\n {4}errors\n[\s\S]*\n {4}forward \. \/etc\/resolv\.conf \{\n/);
    expect(byName('DaemonSet', 'kube-proxy').spec.template.spec.containers[0].command).toContain('--hostname-override=$(NODE_NAME)');
    expect(byName('ConfigMap', 'kubeadm-config').data.ClusterConfiguration).toContain('kubernetesVersion: v1.32.0\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n');
  });
});
