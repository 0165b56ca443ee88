import type { AgentStream, StreamEnd, StreamOpen } from '@kubelab/bus';
import { Volume } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { KubeletService } from '../kubelet-service.js';
import { LabClock } from '../runtime/lab-clock.js';
import { seedNodeDisk } from '../volumes/volume-stores.js';
import { nodeShellArgv, runNodeShell, type NodeShellDeps } from './node-shell.js';

const request = (command: string[], stdin = false): StreamOpen => ({
  id: 's', kind: 'ssh', namespace: '', pod: '', podUid: '', command, stdin, stdout: true, stderr: true, tty: false, user: 'kubelab-admin',
});

/** A session's client end: what came back on stdout and stderr, and how it ended. */
function client(input?: string) {
  const out: Record<1 | 2, string> = { 1: '', 2: '' };
  let ended!: (end: StreamEnd) => void;
  const end = new Promise<StreamEnd>((resolve) => (ended = resolve));
  let eof: () => void = () => undefined;
  const stream: AgentStream = {
    request: request([]),
    send: async (channel, data) => void (out[channel] += Buffer.from(data).toString()),
    finish: (e) => ended(e),
    onInput: (handler) => void (input !== undefined && Promise.resolve(handler(Buffer.from(input))).then(() => eof())),
    onEof: (handler) => void (eof = handler),
    onResize: () => undefined,
    onCancel: () => undefined,
  };
  return { stream, out, end };
}

function node(name: string) {
  const disk = new Volume();
  seedNodeDisk(disk, name, { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local', clusterCa: () => '-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n' });
  const held = { count: 0 };
  const deps: NodeShellDeps = {
    node: name, clock: new LabClock(1), http: async () => undefined, services: new KubeletService(name, {
      stop: () => undefined, start: async () => undefined, sleep: () => new Promise(() => undefined), cri: { images: () => [], sandboxes: () => [], containers: () => [], logs: () => undefined },
      disk: async (read) => read({ read: (path) => (disk.stat(path)?.kind === 'file' ? disk.readFile(path) : undefined), exists: (path) => disk.stat(path) !== undefined }),
    }),
    acquireDisk: async () => (held.count++, disk),
    releaseDisk: () => void held.count--,
  };
  return { deps, disk, held };
}

describe('the shell kubelab ssh opens on a node', () => {
  it('is bash on the client\'s input without a command, and runs a command as sshd does: its words joined, through bash -c', () => {
    expect(nodeShellArgv([])).toEqual(['/bin/bash']);
    expect(nodeShellArgv(['systemctl', 'status', 'kubelet'])).toEqual(['/bin/bash', '-c', 'systemctl status kubelet']);
  });

  it('runs as root in /root on the node\'s disk, named as the node, and ends with the command\'s exit status', async () => {
    const { deps, held } = node('node-2');
    const c = client();
    await runNodeShell(deps, request(['cat /etc/hostname; hostname; whoami; pwd; grep -A1 clusterDNS /var/lib/kubelet/config.yaml; exit 3']), c.stream);
    expect(c.out[1]).toBe('node-2\nnode-2\nroot\n/root\nclusterDNS:\n- 10.96.0.10\n');
    expect((await c.end).status).toMatchObject({ reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
    expect(held.count).toBe(0);
  });

  it('reads a script from piped input, and what it writes is on the node\'s disk after', async () => {
    const { deps, disk } = node('node-1');
    const c = client('echo broken > /var/lib/kubelet/config.yaml\nls /etc/kubernetes\n');
    await runNodeShell(deps, request([], true), c.stream);
    expect(c.out[1]).toBe('manifests\npki\n');
    expect((await c.end).status).toMatchObject({ status: 'Success' });
    expect(disk.readFile('/var/lib/kubelet/config.yaml')).toBe('broken\n');
  });

  it('reaches the node\'s systemd: the kubelet runs, and stops when told, its journal saying so', async () => {
    const { deps } = node('node-1');
    const c = client();
    await runNodeShell(deps, request(['systemctl is-active kubelet containerd && systemctl stop kubelet; systemctl is-active kubelet; journalctl -u kubelet -n 1']), c.stream);
    expect(c.out[1]).toMatch(/^active\nactive\ninactive\n[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d node-1 systemd\[1\]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.\n$/);
  });

  it('resolves no cluster name: the node\'s resolv.conf is not the cluster DNS', async () => {
    const { deps } = node('node-1');
    const c = client();
    await runNodeShell(deps, request(['curl -sS http://kubernetes.default/']), c.stream);
    expect(c.out[2]).toBe('curl: (6) Could not resolve host: kubernetes.default\n');
  });
});
