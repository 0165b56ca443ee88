import { completeBehaviour, EMPTY_NODE_IMAGE_CACHE } from '@kubelab/images';
import { MemoryFs } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { KubeletService } from './kubelet-service.js';
import { nodeCri } from './node-cri.js';
import { nodeProcessTable } from './node-processes.js';
import { EmulatedContainer } from './runtime/emulated-container.js';
import { LabClock } from './runtime/lab-clock.js';

const boot = new Date('2026-11-25T08:59:00Z');
const sandbox = { id: 'ab'.repeat(32), createdAt: new Date('2026-11-25T09:00:00Z'), ready: true, name: 'web', namespace: 'default', uid: 'u1' };

/** A node running one pod whose container is `sleep 3600`, with a kubelet that systemd never gets round to restarting. */
function node() {
  const kubelet = new KubeletService('node-1', {
    stop: () => undefined, start: async () => undefined, sleep: () => new Promise(() => undefined), disk: async (read) => read({ read: () => undefined, exists: () => false }),
    cri: nodeCri({ pods: () => [], images: () => EMPTY_NODE_IMAGE_CACHE, imageRemoved: () => undefined, now: () => new Date(), sleep: async () => undefined }),
  });
  const image = {
    reference: { original: 'busybox', registry: 'docker.io', repository: 'library/busybox', tag: '1.36', digest: undefined, name: 'docker.io/library/busybox', canonical: 'docker.io/library/busybox:1.36' },
    image: 'docker.io/library/busybox:1.36', imageID: 'docker.io/library/busybox@sha256:0', tags: ['1.36'], digest: 'sha256:0', sizeBytes: 1, pullSeconds: 0,
    behaviour: completeBehaviour({ programs: ['sh', 'sleep'] }),
  };
  const container = new EmulatedContainer(image, { name: 'web', command: ['sleep', '3600'] }, {
    podName: 'web', namespace: 'default', fs: new MemoryFs(), env: {}, clock: new LabClock(1000), network: { lookup: async () => undefined, http: async () => undefined }, log: () => undefined,
  });
  const exit = container.run();
  const table = nodeProcessTable({
    services: kubelet, signalUnit: (pid, signal) => kubelet.signalMain(pid, signal), boot,
    pods: () => [{ sandbox, containers: [{ processes: container.processes.list(), signal: (pid, signal) => container.signalFromNode(pid, signal) }] }],
  });
  return { kubelet, table, exit };
}

describe('the node\'s processes, as root\'s kill reaches them', () => {
  it('kills a container\'s PID 1 by its node-wide PID with KILL, which it cannot ignore from outside its namespace, as it ignores TERM', async () => {
    const { table, exit } = node();
    expect(table.list().map((p) => [p.pid, p.command.split(' ')[0]])).toEqual([
      [1, '/sbin/init'], [287, '/lib/systemd/systemd-journald'], [650, 'sshd:'], [402, '/usr/bin/containerd'], [812, '/usr/bin/kubelet'],
      [1200, '/usr/bin/containerd-shim-runc-v2'], [1201, '/pause'], [1202, 'sleep'],
    ]);
    expect(table.signal(1202, 'SIGTERM')).toBe(true);
    expect(table.signal(1202, 'SIGKILL')).toBe(true);
    expect(await exit).toEqual({ exitCode: 137, signal: 9 });
  });

  it('ends the kubelet\'s run through its unit, and no longer lists it; systemd, the shim and pause take a signal and run on', async () => {
    const { kubelet, table, exit } = node();
    for (const pid of [1, 1200, 1201]) expect(table.signal(pid, 'SIGKILL')).toBe(true);
    expect(table.signal(812, 'SIGKILL')).toBe(true);
    expect(kubelet.unit('kubelet.service')).toMatchObject({ active: 'activating', result: 'signal' });
    expect(table.list().map((p) => p.pid)).toEqual([1, 287, 650, 402, 1200, 1201, 1202]);
    expect(table.signal(812, 'SIGKILL')).toBe(false);
    expect(table.signal(4242, 'SIGTERM')).toBe(false);
    table.signal(1202, 'SIGKILL');
    await exit;
  });
});
