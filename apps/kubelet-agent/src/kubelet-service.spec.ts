import { describe, expect, it } from 'vitest';
import { KubeletService, klogLine } from './kubelet-service.js';

describe('a node\'s kubelet unit', () => {
  const at = new Date(Date.UTC(2026, 10, 25, 2, 0, 0, 123));

  it('writes klog\'s header: severity, month and day, time to the microsecond, the PID padded to seven, the source', () => {
    expect(klogLine('I', at, 812, 'server.go:484', '"Kubelet version" kubeletVersion="v1.32.0"'))
      .toBe('I1125 02:00:00.123000     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"');
  });

  it('stops the node\'s kubelet once, starts it again with a new PID, and journals both as systemd and the kubelet do', async () => {
    const calls: string[] = [];
    const service = new KubeletService('node-2', { stop: () => void calls.push('stop'), start: async () => void calls.push('start') }, () => at);
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
    const service = new KubeletService('node-1', { stop: () => undefined, start: async () => undefined });
    expect(service.unit('containerd.service')).toMatchObject({ active: 'active', mainPid: 402 });
    await expect(service.act('containerd.service', 'stop')).rejects.toThrow('kubelab does not stop or restart the container runtime');
    expect(service.unit('nginx.service')).toBeUndefined();
  });
});
