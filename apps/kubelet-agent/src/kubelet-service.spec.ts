import { describe, expect, it } from 'vitest';
import type { KubeletDisk } from './kubelet-config.js';
import { EMPTY_NODE_IMAGE_CACHE, klogLine } from '@kubelab/images';
import { KubeletService, type KubeletHooks } from './kubelet-service.js';
import { nodeCri } from './node-cri.js';

/** A node's disk with the kubelet's good files, unless a test changes them. */
function nodeFiles(): Map<string, string> {
  return new Map([
    ['/var/lib/kubelet/config.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nstaticPodPath: /etc/kubernetes/manifests\n'],
    ['/etc/kubernetes/pki/ca.crt', 'CA'],
    ['/etc/kubernetes/kubelet.conf', 'apiVersion: v1\nkind: Config\nclusters:\n- {name: c, cluster: {server: "https://172.18.0.2:6443"}}\ncontexts:\n- {name: x, context: {cluster: c, user: u}}\ncurrent-context: x\n'],
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
    cri: nodeCri({ pods: () => [], images: () => EMPTY_NODE_IMAGE_CACHE, imageRemoved: () => undefined, now: () => new Date(), sleep: async () => undefined }),
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

  it('runs cut off from the API while kubelet.conf names a server it is not at: active, but no node care, and says so every retry', async () => {
    const calls: string[] = [];
    const files = nodeFiles();
    const node = hooks(calls, files);
    const service = new KubeletService('node-1', node, () => at);
    files.set('/etc/kubernetes/kubelet.conf', files.get('/etc/kubernetes/kubelet.conf')!.replace(':6443', ':6444'));
    await service.act('kubelet.service', 'restart');
    expect(calls).toEqual(['stop']);
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'active', sub: 'running' });
    const refused = (e: { message: string }) => e.message.includes('"Unable to register node with API server"');
    expect(service.journal('kubelet.service').filter(refused).map((e) => e.message.replace(/^E\d{4} [\d:.]+ +\d+ /, ''))).toEqual([
      'kubelet_node_status.go:95] "Unable to register node with API server" err="Post \\"https://172.18.0.2:6444/api/v1/nodes\\": dial tcp 172.18.0.2:6444: connect: connection refused" node="node-1"',
    ]);
    node.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(service.journal('kubelet.service').filter(refused)).toHaveLength(2);
    files.set('/etc/kubernetes/kubelet.conf', nodeFiles().get('/etc/kubernetes/kubelet.conf')!);
    await service.act('kubelet.service', 'restart');
    node.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['stop', 'stop', 'start']);
    expect(service.journal('kubelet.service').filter(refused)).toHaveLength(2);
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

  it('ends the kubelet that root kills, says so as systemd does, and starts a new one after RestartSec', async () => {
    const calls: string[] = [];
    const node = hooks(calls);
    const service = new KubeletService('node-2', node, () => at);
    expect(service.signalMain(812, 'SIGUSR1')).toBe(true);
    expect(service.unit('kubelet.service')?.active).toBe('active');
    expect(service.signalMain(812, 'SIGKILL')).toBe(true);
    expect(calls).toEqual(['stop']);
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'activating', sub: 'auto-restart', result: 'signal', mainPid: 812, lastRun: { code: 'killed', status: '9/KILL' } });
    expect(service.signalMain(812, 'SIGKILL')).toBe(false);
    node.tick();
    await expect.poll(() => service.unit('kubelet.service')?.active).toBe('active');
    expect(calls).toEqual(['stop', 'start']);
    expect(service.journal('kubelet.service').slice(4, 10).map((e) => `${e.identifier}[${e.pid}]: ${e.message.replace(/^I\d{4} [\d:.]+ +\d+ /, '')}`)).toEqual([
      'systemd[1]: kubelet.service: Main process exited, code=killed, status=9/KILL',
      'systemd[1]: kubelet.service: Failed with result \'signal\'.',
      'systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.',
      'systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.',
      'systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.',
      'kubelet[849]: server.go:484] "Kubelet version" kubeletVersion="v1.32.0"',
    ]);
  });

  it('lets a kubelet that TERM ended cleanly wait for its restart without a failed result', () => {
    const service = new KubeletService('node-2', hooks([]), () => at);
    service.signalMain(812, 'SIGTERM');
    expect(service.unit('kubelet.service')).toMatchObject({ active: 'activating', sub: 'auto-restart', lastRun: { code: 'exited', status: '0/SUCCESS' } });
    expect(service.unit('kubelet.service')?.result).toBeUndefined();
    expect(service.journal('kubelet.service').at(-1)?.message).toBe('kubelet.service: Deactivated successfully.');
  });

  it('starts containerd again 5 s after root kills it, under a new PID, while the kubelet runs on', async () => {
    const calls: string[] = [];
    const node = hooks(calls);
    const service = new KubeletService('node-1', node, () => at);
    expect(service.signalMain(402, 'SIGKILL')).toBe(true);
    expect(service.unit('containerd.service')).toMatchObject({ active: 'activating', sub: 'auto-restart', result: 'signal', lastRun: { code: 'killed', status: '9/KILL' } });
    node.tick();
    await expect.poll(() => service.unit('containerd.service')?.active).toBe('active');
    expect(service.unit('containerd.service')?.mainPid).toBe(455);
    expect(service.journal('containerd.service').map((e) => e.message)).toEqual([
      'Started containerd.service - containerd container runtime.',
      'containerd.service: Main process exited, code=killed, status=9/KILL',
      'containerd.service: Failed with result \'signal\'.',
      'containerd.service: Scheduled restart job, restart counter is at 1.',
      'Stopped containerd.service - containerd container runtime.',
      'Starting containerd.service - containerd container runtime...',
      'Started containerd.service - containerd container runtime.',
    ]);
    expect(calls).toEqual([]);
    expect(service.signalMain(1234, 'SIGKILL')).toBe(false);
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
