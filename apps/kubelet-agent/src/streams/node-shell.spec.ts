import type { AgentStream, StreamEnd, StreamOpen } from '@kubelab/bus';
import { EMPTY_NODE_IMAGE_CACHE } from '@kubelab/images';
import { Volume } from '@kubelab/shell';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { KubeletService } from '../kubelet-service.js';
import { LabClock } from '../runtime/lab-clock.js';
import { seedNodeDisk } from '../volumes/volume-stores.js';
import { nodeCri } from '../node-cri.js';
import { nodeProcessTable } from '../node-processes.js';
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
  /** The causes the kubelet was stopped with, and the sessions open on the node. */
  const seen = { stops: [] as (number | undefined)[], open: [] as number[], opened: [] as number[] };
  const deps: NodeShellDeps = {
    node: name, clock: new LabClock(1), http: async () => undefined, services: new KubeletService(name, {
      stop: (cause) => void seen.stops.push(cause), start: async () => undefined, sleep: () => new Promise(() => undefined), cri: nodeCri({ pods: () => [], images: () => EMPTY_NODE_IMAGE_CACHE, imageRemoved: () => undefined, now: () => new Date(), sleep: async () => undefined }),
      disk: async (read) => read({ read: (path) => (disk.stat(path)?.kind === 'file' ? disk.readFile(path) : undefined), exists: (path) => disk.stat(path) !== undefined }),
    }),
    acquireDisk: async () => (held.count++, disk),
    releaseDisk: () => void held.count--,
    sessionOpened: (record) => {
      seen.open.push(record);
      seen.opened.push(record);
      return () => void seen.open.splice(seen.open.indexOf(record), 1);
    },
    processes: { list: () => [], signal: () => false },
  };
  const kubelet = deps.services as KubeletService;
  deps.processes = nodeProcessTable({
    services: kubelet, signalUnit: (pid, signal) => kubelet.signalMain(pid, signal), boot: new Date('2026-11-25T08:59:00Z'),
    pods: () => [{
      sandbox: { id: 'ab'.repeat(32), createdAt: new Date('2026-11-25T09:00:00Z'), ready: true, name: 'kube-apiserver-controlplane', namespace: 'kube-system', uid: 'u1' },
      containers: [{ processes: [{ pid: 1, user: 'root', command: 'kube-apiserver --advertise-address=172.18.0.2 --etcd-servers=https://127.0.0.1:2379', startedAt: new Date('2026-11-25T09:00:01Z') }], signal: () => true }],
    }],
  });
  return { deps, disk, held, seen };
}

describe('the shell kubelab ssh opens on a node', () => {
  it('lists the node\'s processes with procps\' ps: systemd, containerd, the kubelet, each pod\'s shim and pause and its containers\' processes', async () => {
    // The day the node booted: ps shows a start time of that day as HH:MM (and one of an earlier day as its date).
    vi.useFakeTimers({ now: new Date('2026-11-25T09:05:00Z'), toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const { deps } = node('controlplane');
    const c = client();
    await runNodeShell(deps, request(['ps aux; ps -ef']), c.stream);
    const [aux, ef] = c.out[1].split(/\n(?=UID )/);
    expect(aux.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux).toContain('\nroot           1  0.0  0.0  22060 13056 ?        Ss   08:59   0:00 /sbin/init\n');
    expect(aux).toMatch(/\nroot {9}812 {2}0\.0 {2}0\.0 2117660 92160 \? {8}Ssl +\d\d:\d\d {3}0:00 \/usr\/bin\/kubelet --bootstrap-kubeconfig=\S+ --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml /);
    expect(aux).toContain(`\nroot        1200  0.0  0.0 1238400 12288 ?        Sl   09:00   0:00 /usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${'ab'.repeat(32)} -address /run/containerd/containerd.sock\n`);
    expect(aux).toContain('\n65535       1201  0.0  0.0   1020   512 ?        Ss   09:00   0:00 /pause\n');
    expect(aux).toContain('\nroot        1202  0.0  0.0   4096  2048 ?        Ss   09:00   0:00 kube-apiserver --advertise-address=172.18.0.2 --etcd-servers=https://127.0.0.1:2379\n');
    expect(aux).toMatch(/\nroot {8}\d{4} .* \/bin\/bash -c ps aux; ps -ef\n/);
    expect(ef.split('\n')[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(ef).toMatch(/\nroot {9}402 {7}1 {2}0 \d\d:\d\d \? {8}00:00:00 \/usr\/bin\/containerd\n/);
    expect(ef).toContain('\nroot        1202    1200  0 09:00 ?        00:00:00 kube-apiserver ');
  });

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
    expect(c.out[1]).toBe('kubelet.conf\nmanifests\npki\n');
    expect((await c.end).status).toMatchObject({ status: 'Success' });
    expect(disk.readFile('/var/lib/kubelet/config.yaml')).toBe('broken\n');
  });

  it('reaches the node\'s systemd: the kubelet runs, and stops when told, its journal saying so', async () => {
    const { deps } = node('node-1');
    const c = client();
    await runNodeShell(deps, request(['systemctl is-active kubelet containerd && systemctl stop kubelet; systemctl is-active kubelet; journalctl -u kubelet -n 1']), c.stream);
    expect(c.out[1]).toMatch(/^active\nactive\ninactive\n[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d node-1 systemd\[1\]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.\n$/);
  });

  it('is open on the node while it runs, when the log records it, and what its systemctl does is caused by that record', async () => {
    const { deps, seen } = node('node-2');
    const c = client();
    await runNodeShell(deps, { ...request(['systemctl stop kubelet']), recordSeq: 77 }, c.stream);
    expect(seen).toEqual({ stops: [77], open: [], opened: [77] });
    await runNodeShell(deps, request(['systemctl restart kubelet; systemctl stop kubelet']), client().stream);
    expect(seen).toEqual({ stops: [77, undefined], open: [], opened: [77] });
  });

  it('kills the node\'s processes by their PIDs in ps: the kubelet\'s ends its unit\'s run, and a PID nobody has is no such process', async () => {
    const { deps } = node('node-1');
    const c = client();
    await runNodeShell(deps, request(['kill -9 812; systemctl is-active kubelet; kill 4242']), c.stream);
    expect(c.out).toEqual({ 1: 'activating\n', 2: "kill: can't kill pid 4242: No such process\n" });
    expect(deps.services.journal('kubelet.service').at(-1)?.message).toBe('kubelet.service: Failed with result \'signal\'.');
  });

  it('resolves no cluster name: the node\'s resolv.conf is not the cluster DNS', async () => {
    const { deps } = node('node-1');
    const c = client();
    await runNodeShell(deps, request(['curl -sS http://kubernetes.default/']), c.stream);
    expect(c.out[2]).toBe('curl: (6) Could not resolve host: kubernetes.default\n');
  });
});
