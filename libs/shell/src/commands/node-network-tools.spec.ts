import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import type { NodeNetwork, NodeServices, ProcessInfo } from '../process/process-host.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

const boot = new Date(Date.UTC(2025, 0, 1, 8, 0, 0));
const process = (pid: number, command: string): ProcessInfo => ({ pid, user: 'root', command, startedAt: boot });
const controlPlaneProcesses = [
  process(1, '/sbin/init'),
  process(650, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'),
  process(1362, 'kube-scheduler --authentication-kubeconfig=/etc/kubernetes/scheduler.conf --bind-address=127.0.0.1 --leader-elect=true'),
  process(1402, 'kube-controller-manager --allocate-node-cidrs=true --bind-address=127.0.0.1 --cluster-cidr=10.244.0.0/16'),
  process(12820, 'kube-apiserver --advertise-address=172.18.0.2 --secure-port=6443 --service-cluster-ip-range=10.96.0.0/12'),
  process(4107, '/bin/bash -c ss -tlnp'),
];
const coredns = { sandboxId: `c209bd44aef29d91${'6'.repeat(16)}0123456789abcdef0123456789abcdef`, podIP: '10.244.0.3' };

function controlPlane(processes: readonly ProcessInfo[] = controlPlaneProcesses): NodeServices {
  const network: NodeNetwork = {
    address: '172.18.0.2', prefixLength: 16, gateway: '172.18.0.1', podCidr: '10.244.0.0/24',
    peers: () => [{ podCidr: '10.244.1.0/24', address: '172.18.0.3' }],
    pods: () => [coredns],
    processes: () => processes,
  };
  return {
    hostname: 'controlplane', unit: () => undefined, act: async () => undefined, enable: () => undefined, journal: () => [], network,
    cri: {
      images: () => [], sandboxes: () => [], containers: () => [], logs: () => undefined,
      stopContainer: async () => undefined, removeContainer: () => undefined, imageStatus: () => undefined, removeImage: () => undefined,
    },
  };
}

async function run(script: string, options: { services?: NodeServices; fs?: MemoryFs; env?: Record<string, string> } = {}) {
  const lab = virtualHost({ fs: options.fs, env: options.env });
  const status = await runProcess(['sh', '-c', script], { ...lab.host, ...(options.services ? { services: options.services } : {}) });
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

const spaces = (n: number) => ' '.repeat(n);

describe('ss on a node', () => {
  it('lists the listening sockets of what runs, as ss lays them out off a terminal: the last line\'s Process cell is never measured', async () => {
    const { status, stdout } = await run('ss -tlnp', { services: controlPlane() });
    expect(status).toBe(0);
    expect(stdout.split('\n')).toEqual([
      `State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess${spaces(35)}`,
      `LISTEN 0      128${spaces(10)}0.0.0.0:22${spaces(9)}0.0.0.0:*    users:(("sshd",pid=650,fd=3))${spaces(12)}`,
      `LISTEN 0      4096${spaces(7)}127.0.0.1:10257${spaces(6)}0.0.0.0:*    users:(("kube-controller",pid=1402,fd=3))`,
      `LISTEN 0      4096${spaces(7)}127.0.0.1:10259${spaces(6)}0.0.0.0:*    users:(("kube-scheduler",pid=1362,fd=3)) `,
      `LISTEN 0      128${spaces(13)}[::]:22${spaces(12)}[::]:*    users:(("sshd",pid=650,fd=4))${spaces(12)}`,
      `LISTEN 0      4096${spaces(15)}*:6443${spaces(13)}*:*    users:(("kube-apiserver",pid=12820,fd=3))`,
      '',
    ]);
  });

  it('follows the command lines: a component not running listens nowhere, one moved to another port listens there', async () => {
    const moved = controlPlaneProcesses.filter((p) => p.pid !== 1362).map((p) => (p.pid === 12820 ? { ...p, command: p.command.replace('6443', '8443') } : p));
    const { stdout } = await run('ss -lnt', { services: controlPlane(moved) });
    expect(stdout).not.toContain(':10259');
    expect(stdout).toContain(`${spaces(15)}*:8443 `);
  });

  it('adds the Netid column for more than one table, drops State for one state, and filters by port', async () => {
    expect((await run('ss -tulpn', { services: controlPlane() })).stdout.split('\n')[0]).toBe(`Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess${spaces(35)}`);
    expect((await run('ss -tln state listening sport = :6443', { services: controlPlane() })).stdout).toBe(
      `Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n0      4096${spaces(15)}*:6443${spaces(12)}*:*${spaces(10)}\n`,
    );
  });

  it('answers a bad option or filter as ss does, and is not found in a pod', async () => {
    const bad = await run('ss -q', { services: controlPlane() });
    expect(bad).toMatchObject({ status: 255, stdout: '' });
    expect(bad.stderr).toMatch(/^ss: invalid option -- 'q'\nUsage: ss \[ OPTIONS \]\n/);
    expect(await run('ss -tl state lstening', { services: controlPlane() })).toEqual({ status: 255, stdout: '', stderr: 'ss: wrong state name: lstening\n' });
    expect((await run('ss -tl frobnicate', { services: controlPlane() })).stderr).toMatch(/^ss: bison bellows \(while parsing filter\): "syntax error!"Usage: ss/);
    expect(await run('ss -tlnp')).toEqual({ status: 127, stdout: '', stderr: 'sh: ss: not found\n' });
  });
});

describe('netstat on a node', () => {
  it('lists the listening sockets with PID/Program name cut as netstat cuts it', async () => {
    expect((await run('netstat -tlnp', { services: controlPlane() })).stdout.split('\n')).toEqual([
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      650/sshd: /usr/sbin ',
      'tcp        0      0 127.0.0.1:10257         0.0.0.0:*               LISTEN      1402/kube-controlle ',
      'tcp        0      0 127.0.0.1:10259         0.0.0.0:*               LISTEN      1362/kube-scheduler ',
      'tcp6       0      0 :::22                   :::*                    LISTEN      650/sshd: /usr/sbin ',
      'tcp6       0      0 :::6443                 :::*                    LISTEN      12820/kube-apiserve ',
      '',
    ]);
  });

  it('names ports from /etc/services and the IPv6 wildcard [::] without -n', async () => {
    const fs = new MemoryFs({ files: { '/etc/services': 'ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol\n' } });
    const lines = (await run('netstat -lt', { services: controlPlane(), fs })).stdout.split('\n');
    expect(lines[2]).toBe('tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN     ');
    expect(lines[6]).toBe('tcp6       0      0 [::]:6443               [::]:*                  LISTEN     ');
  });

  it('prints the routing table', async () => {
    expect((await run('netstat -rn', { services: controlPlane() })).stdout.split('\n')).toEqual([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '0.0.0.0         172.18.0.1      0.0.0.0         UG        0 0          0 eth0',
      '10.244.0.3      0.0.0.0         255.255.255.255 UH        0 0          0 vethc209bd44',
      '10.244.1.0      172.18.0.3      255.255.255.0   UG        0 0          0 eth0',
      '172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0',
      '',
    ]);
  });

  it('answers a bad option with its usage and status 3', async () => {
    const bad = await run('netstat -q', { services: controlPlane() });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/^netstat: invalid option -- 'q'\nusage: netstat \[-vWeenNcCF\]/);
  });
});

describe('ip on a node', () => {
  it('shows lo, eth0 (the peer of the host\'s veth) and a veth per pod with its namespace', async () => {
    expect((await run('ip addr', { services: controlPlane() })).stdout.split('\n')).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host ',
      '       valid_lft forever preferred_lft forever',
      '2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ',
      '    link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0',
      '    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '    inet6 fe80::42:acff:fe12:2/64 scope link ',
      '       valid_lft forever preferred_lft forever',
      '4: vethc209bd44@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ',
      '    link/ether ae:f2:9d:91:66:66 brd ff:ff:ff:ff:ff:ff link-netns cni-01234567-89ab-cdef-0123-456789abcdef',
      '    inet 10.244.0.1/32 scope global vethc209bd44',
      '       valid_lft forever preferred_lft forever',
      '    inet6 fe80::acf2:9dff:fe91:6666/64 scope link ',
      '       valid_lft forever preferred_lft forever',
      '',
    ]);
  });

  it('reads -4, show dev NAME, ip link and -brief', async () => {
    const services = controlPlane();
    expect((await run('ip -4 a show dev eth0', { services })).stdout).toBe(
      '2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n'
      + '    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n',
    );
    expect((await run('ip link show lo', { services })).stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n'
      + '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
    );
    expect((await run('ip -br -4 a', { services })).stdout).toBe(
      'lo               UNKNOWN        127.0.0.1/8 \neth0@if5         UP             172.18.0.2/16 \nvethc209bd44@if2 UP             10.244.0.1/32 \n',
    );
  });

  it('shows the routes: default, a host route per pod, kindnet\'s route to each other node, the link\'s own network', async () => {
    const services = controlPlane();
    expect((await run('ip route', { services })).stdout).toBe([
      'default via 172.18.0.1 dev eth0 ',
      '10.244.0.3 dev vethc209bd44 scope host ',
      '10.244.1.0/24 via 172.18.0.3 dev eth0 ',
      '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2 ',
      '',
    ].join('\n'));
    expect((await run('ip r s dev eth0', { services })).stdout).toBe(
      'default via 172.18.0.1 \n10.244.1.0/24 via 172.18.0.3 \n172.18.0.0/16 proto kernel scope link src 172.18.0.2 \n',
    );
  });

  it('answers unknown options, objects, commands and devices as iproute2, and refuses changes', async () => {
    const services = controlPlane();
    expect(await run('ip -x a', { services })).toEqual({ status: 255, stdout: '', stderr: 'Option "-x" is unknown, try "ip -help".\n' });
    expect(await run('ip bogus', { services })).toEqual({ status: 1, stdout: '', stderr: 'Object "bogus" is unknown, try "ip help".\n' });
    expect(await run('ip a frob', { services })).toEqual({ status: 255, stdout: '', stderr: 'Command "frob" is unknown, try "ip address help".\n' });
    expect(await run('ip a show dev eth9', { services })).toEqual({ status: 1, stdout: '', stderr: 'Device "eth9" does not exist.\n' });
    expect(await run('ip link s eth0 down', { services })).toEqual({ status: 2, stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n' });
  });
});

describe('ip in a busybox pod', () => {
  const pod = {
    fs: new MemoryFs({ files: { '/etc/hosts': '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.1.7\tweb-0\n' } }),
    env: { HOSTNAME: 'web-0' },
  };

  it('shows lo and eth0 with the pod\'s address in BusyBox\'s words: the veth\'s peer, unknown here, is M-DOWN', async () => {
    expect((await run('ip -4 addr', pod)).stdout).toBe([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '2: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ',
      '    inet 10.244.1.7/24 brd 10.244.1.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'));
    expect((await run('ip link show eth0', pod)).stdout).toBe(
      '2: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n    link/ether 0a:58:0a:f4:01:07 brd ff:ff:ff:ff:ff:ff\n',
    );
  });

  it('routes through the pod range\'s gateway', async () => {
    expect((await run('ip route', pod)).stdout).toBe(
      'default via 10.244.1.1 dev eth0 \n10.244.1.0/24 via 10.244.1.1 dev eth0  src 10.244.1.7 \n10.244.1.1 dev eth0 scope link  src 10.244.1.7 \n',
    );
  });
});
