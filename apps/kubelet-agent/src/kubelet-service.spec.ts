import { describe, expect, it } from 'vitest';
import type { KubeletDisk } from './kubelet-config.js';
import { klogLine } from '@kubelab/images';
import { KubeletService, type KubeletHooks } from './kubelet-service.js';

/** A node's disk with the kubelet's good files, unless a test changes them. */
function nodeFiles(): Map<string, string> {
  return new Map([
    ['/var/lib/kubelet/config.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nstaticPodPath: /etc/kubernetes/manifests\n'],
    ['/etc/kubernetes/pki/ca.crt', 'CA'],
  ]);
}

/** Hooks that note what the node went through, on these files, with restarts that wait for `tick`. */
function hooks(calls: string[], files = nodeFiles()): KubeletHooks & { tick(): void } {
  const sleepers: (() => void)[] = [];
  const disk: KubeletDisk = { read: (path) => files.get(path), exists: (path) => files.has(path) || path === '/etc/kubernetes/manifests' };
  return {
    stop: () => void calls.push('stop'),
    start: async () => void calls.push('start'),
    disk: async (read) => read(disk),
    sleep: () => new Promise<void>((woken) => sleepers.push(woken)),
    tick: () => sleepers.splice(0).forEach((wake) => wake()),
    cri: { images: () => [], sandboxes: () => [], containers: () => [], logs: () => undefined },
  };
}

describe('a node\'s kubelet unit', () => {
  const at = new Date(Date.UTC(2026, 10, 25, 2, 0, 0, 123));

  it('writes klog\'s header: severity, month and day, time to the microsecond, the PID padded to seven, the source', () => {
    expect(klogLine('I', at, 812, 'server.go:484', '"Kubelet version" kubeletVersion="v1.32.0"'))
      .toBe('I1125 02:00:00.123000     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"');
  });

  it('stops the node\'s kubelet once, starts it again with a new PID, and journals both as systemd and the kubelet do', async () => {
    const calls: string[] = [];
    const service = new KubeletService('node-2', hooks(calls), () => at);
    await service.act('kubelet.service', 'stop');
    await service.act('kubelet.service', 'stop');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'inactive', sub: 'dead', mainPid: 812, lastRun: { code: 'exited', status: '0/SUCCESS' } });
    await service.act('kubelet.service', 'restart');
    expect(calls).toEqual(['stop', 'start']);
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'active', sub: 'running', mainPid: 849 });
    expect(service.unit('kubelet.service')?.lastRun).toBeUndefined();
    expect(service.journal('kubelet.service').map((e) => `${e.identifier}[${e.pid}]: ${e.message.replace(/^I\d{4} [\d:.]+ +\d+ /, '')}`)).toEqual([
      'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.',
      'kubelet[812]: server.go:484] "Kubelet version" kubeletVersion="v1.32.0"',
      'kubelet[812]: kubelet_node_status.go:76] "Attempting to register node" node="node-2"',
      'kubelet[812]: kubelet_node_status.go:79] "Successfully registered node" node="node-2"',
      'systemd[1]: Stopping kubelet.service - kubelet: The Kubernetes Node Agent...',
      'systemd[1]: kubelet.service: Deactivated successfully.',
      'systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.',
      'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.',
      'kubelet[849]: server.go:484] "Kubelet version" kubeletVersion="v1.32.0"',
      'kubelet[849]: kubelet_node_status.go:76] "Attempting to register node" node="node-2"',
      'kubelet[849]: kubelet_node_status.go:79] "Successfully registered node" node="node-2"',
    ]);
    expect(service.journal('containerd.service').map((e) => e.message)).toEqual(['Started containerd.service - containerd container runtime.']);
  });

  it('runs containerd, which it does not stop, and knows no other unit', async () => {
    const service = new KubeletService('node-1', hooks([]));
    expect(service.unit('containerd.service')).toMatchObject({ active: 'active', mainPid: 402 });
    await expect(service.act('containerd.service', 'stop')).rejects.toThrow('kubelab does not stop or restart the container runtime');
    expect(service.unit('nginx.service')).toBeUndefined();
  });

  it('exits 1 on a configuration it cannot use, is started again every RestartSec until the file is fixed, and says why in klog\'s words', async () => {
    const calls: string[] = [];
    const files = nodeFiles();
    const node = hooks(calls, files);
    const service = new KubeletService('node-2', node, () => at);
    files.set('/var/lib/kubelet/config.yaml', files.get('/var/lib/kubelet/config.yaml')!.replace('pki/ca.crt', 'pki/ca.crtx'));
    await service.act('kubelet.service', 'restart');
    expect(calls).toEqual(['stop']);
    expect(service.unit('kubelet.service')?.active).not.toBe('active');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'activating', sub: 'auto-restart', result: 'exit-code', mainPid: 849, lastRun: { code: 'exited', status: '1/FAILURE' } });
    const failed = service.journal('kubelet.service').slice(-3).map((e) => `${e.identifier}[${e.pid}]: ${e.message}`);
    expect(failed).toEqual([
      'kubelet[849]: E1125 02:00:00.123000     849 run.go:72] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca.crtx: open /etc/kubernetes/pki/ca.crtx: no such file or directory"',
      'systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE',
      'systemd[1]: kubelet.service: Failed with result \'exit-code\'.',
    ]);
    node.tick();
    await expect.poll(() => service.unit('kubelet.service')?.mainPid).toBe(886);
    expect(service.journal('kubelet.service').map((e) => e.message)).toContain('kubelet.service: Scheduled restart job, restart counter is at 1.');
    files.set('/var/lib/kubelet/config.yaml', nodeFiles().get('/var/lib/kubelet/config.yaml')!);
    node.tick();
    await expect.poll(() => service.unit('kubelet.service')?.active).toBe('active');
    expect(calls).toEqual(['stop', 'start']);
    expect(service.journal('kubelet.service').map((e) => e.message)).toContain('kubelet.service: Scheduled restart job, restart counter is at 2.');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'active', sub: 'running', mainPid: 923 });
  });

  it('stops waiting to restart when stopped, and a restart scheduled before the stop does not start it', async () => {
    const calls: string[] = [];
    const files = nodeFiles();
    files.delete('/var/lib/kubelet/config.yaml');
    const node = hooks(calls, files);
    const service = new KubeletService('node-2', node, () => at);
    await service.act('kubelet.service', 'restart');
    expect(service.journal('kubelet.service').at(-3)?.message).toContain('"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"');
    await service.act('kubelet.service', 'stop');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'inactive', sub: 'dead' });
    files.set('/var/lib/kubelet/config.yaml', nodeFiles().get('/var/lib/kubelet/config.yaml')!);
    node.tick();
    await service.act('kubelet.service', 'stop');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'inactive', sub: 'dead' });
    expect(calls).toEqual(['stop']);
  });
});
