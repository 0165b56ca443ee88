import { Volume } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { hostPathSetUp } from './host-path.js';
import { seedNodeDisk } from './volume-stores.js';

const nodeDisk = (name: string) => {
  const volume = new Volume();
  seedNodeDisk(volume, name);
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
});
