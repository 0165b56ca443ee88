import { Volume } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { hostPathSetUp } from './host-path.js';
import { seedNodeDisk } from './volume-stores.js';

const nodeDisk = (name: string) => {
  const volume = new Volume();
  seedNodeDisk(volume, name, { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local', clusterCa: () => '-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n' });
  return volume;
};

describe('a node\'s disk as DaemonSets find it', () => {
  it.each([
    ['/etc/machine-id', 'File'],
    ['/etc/hostname', 'File'],
    ['/var/log', 'Directory'],
    ['/var/log/journal', 'Directory'],
    ['/var/lib/docker/containers', 'Directory'],
    ['/proc', 'Directory'],
    ['/sys', 'Directory'],
    ['/sys/fs/cgroup', 'Directory'],
    ['/run', 'Directory'],
    ['/usr/lib64', 'Directory'],
    ['/var/lib/kubelet/plugins_registry', 'Directory'],
    ['/dev/null', 'CharDevice'],
  ])('passes the hostPath type check of %s as %s', (path, type) => {
    const disk = nodeDisk('lab-worker');
    expect(hostPathSetUp(path, type, (p) => disk.stat(p)?.kind)).toEqual({ ok: true, path });
  });

  it('names the machine: one machine ID per node, the same each time the disk is read, and the node\'s hostname', () => {
    const machineId = (name: string) => nodeDisk(name).readFile('/etc/machine-id');
    expect(machineId('lab-worker')).toMatch(/^[0-9a-f]{32}\n$/);
    expect(machineId('lab-worker')).toBe(machineId('lab-worker'));
    expect(machineId('lab-worker2')).not.toBe(machineId('lab-worker'));
    expect(nodeDisk('lab-worker').readFile('/etc/hostname')).toBe('lab-worker\n');
  });

  it('holds the kubelet\'s files as kubeadm wrote them: its configuration with the cluster DNS, its unit, the drop-in and the flags', () => {
    const disk = nodeDisk('lab-worker');
    const config = disk.readFile('/var/lib/kubelet/config.yaml');
    expect(config).toContain('kind: KubeletConfiguration\n');
    expect(config).toContain('clusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n');
    expect(config).toContain('staticPodPath: /etc/kubernetes/manifests\n');
    expect(config).toContain('    clientCAFile: /etc/kubernetes/pki/ca.crt\n');
    expect(disk.readFile('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf')).toContain('ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS\n');
    expect(disk.readFile('/usr/lib/systemd/system/kubelet.service')).toContain('Description=kubelet: The Kubernetes Node Agent\n');
    expect(disk.readFile('/var/lib/kubelet/kubeadm-flags.env')).toMatch(/^KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:\/\/\/var\/run\/containerd\/containerd.sock /);
    expect(disk.stat('/etc/kubernetes/manifests')?.kind).toBe('dir');
  });
});
