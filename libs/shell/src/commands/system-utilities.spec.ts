import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';
import { virtualHost } from '../testing/virtual-host.js';

const run = (argv: string[], options: { fs?: MemoryFs; env?: Record<string, string> } = {}) => runUtility(argv, options);

describe('uname', () => {
  it.each([
    [[], 'Linux\n'],
    [['-s'], 'Linux\n'],
    [['-r'], '6.6.32\n'],
    [['-m'], 'x86_64\n'],
    [['-n'], 'web-0\n'],
    [['-a'], 'Linux web-0 6.6.32 #1 SMP PREEMPT_DYNAMIC Mon Jun 10 10:00:00 UTC 2024 x86_64 GNU/Linux\n'],
    [['-sm'], 'Linux x86_64\n'],
  ])('uname %j', async (args, stdout) => {
    expect(await run(['uname', ...args], { env: { HOSTNAME: 'web-0' } })).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('rejects unknown options', async () => {
    expect(await run(['uname', '-x'])).toEqual({ status: 1, stdout: '', stderr: "uname: invalid option -- 'x'\nUsage: uname [-amnrspvio]\n" });
  });
});

describe('nproc, free, uptime', () => {
  it('nproc counts the node CPUs', async () => {
    expect(await run(['nproc'])).toEqual({ status: 0, stdout: '4\n', stderr: '' });
    expect(await run(['nproc', '--ignore=1'])).toMatchObject({ stdout: '3\n' });
    expect(await run(['nproc', '--ignore=x'])).toEqual({ status: 1, stdout: '', stderr: "nproc: invalid number 'x'\n" });
  });

  it('free prints busybox columns, from /proc/meminfo when present', async () => {
    const fs = new MemoryFs({ files: { '/proc/meminfo': 'MemTotal: 2048000 kB\nMemFree: 1024000 kB\nMemAvailable: 1500000 kB\nBuffers: 0 kB\nCached: 24000 kB\nShmem: 0 kB\nSReclaimable: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n' } });
    expect(await run(['free'], { fs })).toEqual({
      status: 0,
      stdout:
        '              total        used        free      shared  buff/cache   available\n' +
        'Mem:        2048000     1000000     1024000           0       24000     1500000\n' +
        'Swap:             0           0           0\n',
      stderr: '',
    });
    expect((await run(['free', '-m'], { fs })).stdout.split('\n')[1]).toBe('Mem:           2000         977        1000           0          23        1465');
    expect((await run(['free', '-h'], { fs })).stdout.split('\n')[1]).toBe('Mem:           2.0G      976.6M     1000.0M           0       23.4M        1.4G');
  });

  it('free rejects an unknown option', async () => {
    expect(await run(['free', '-z'])).toEqual({ status: 1, stdout: '', stderr: "free: invalid option -- 'z'\nUsage: free [-bkmgh]\n" });
  });

  it('uptime shows the lab time and the node uptime', async () => {
    const fs = new MemoryFs({ files: { '/proc/uptime': '3725.5 100.0\n' } });
    expect(await run(['uptime'], { fs })).toEqual({ status: 0, stdout: ' 12:00:00 up  1:02,  0 users,  load average: 0.08, 0.03, 0.01\n', stderr: '' });
    expect(await run(['uptime'])).toMatchObject({ stdout: ' 12:00:00 up 3 days,  4:05,  0 users,  load average: 0.08, 0.03, 0.01\n' });
    expect(await run(['uptime', '-s'], { fs })).toMatchObject({ stdout: '2025-01-01 10:57:55\n' });
    expect(await run(['uptime', '-q'])).toMatchObject({ status: 1, stderr: "uptime: invalid option -- 'q'\nUsage: uptime [-s]\n" });
  });
});

describe('id and whoami', () => {
  const fs = () =>
    new MemoryFs({ files: { '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n', '/etc/group': 'root:x:0:\nwheel:x:10:root\nnobody:x:65534:\n' } });

  it('id describes root and other users from /etc/passwd', async () => {
    expect(await run(['id'], { fs: fs() })).toEqual({ status: 0, stdout: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n', stderr: '' });
    expect(await run(['id'])).toMatchObject({ stdout: 'uid=0(root) gid=0(root) groups=0(root)\n' });
    expect(await run(['id', '-u'], { fs: fs() })).toMatchObject({ stdout: '0\n' });
    expect(await run(['id', '-un'], { fs: fs() })).toMatchObject({ stdout: 'root\n' });
    expect(await run(['id', '-G', 'nobody'], { fs: fs() })).toMatchObject({ stdout: '65534\n' });
    expect(await run(['whoami'])).toEqual({ status: 0, stdout: 'root\n', stderr: '' });
  });

  it('id reports an unknown user; whoami takes no operands', async () => {
    expect(await run(['id', 'ghost'], { fs: fs() })).toEqual({ status: 1, stdout: '', stderr: 'id: unknown user ghost\n' });
    expect(await run(['whoami', 'x'])).toEqual({ status: 1, stdout: '', stderr: 'Usage: whoami \n' });
  });
});

describe('dmesg, clear, mount, which', () => {
  it('dmesg is not permitted in a container', async () => {
    expect(await run(['dmesg'])).toEqual({ status: 1, stdout: '', stderr: 'dmesg: klogctl: Operation not permitted\n' });
  });

  it('clear sends the ANSI clear sequence', async () => {
    expect(await run(['clear'])).toEqual({ status: 0, stdout: '\x1b[H\x1b[J\x1b[3J', stderr: '' });
  });

  it('mount lists /proc/mounts or the default container mounts, and refuses to mount', async () => {
    const fs = new MemoryFs({ files: { '/proc/mounts': 'overlay / overlay rw,relatime 0 0\ntmpfs /data tmpfs rw 0 0\n' } });
    expect(await run(['mount'], { fs })).toEqual({ status: 0, stdout: 'overlay on / type overlay (rw,relatime)\ntmpfs on /data type tmpfs (rw)\n', stderr: '' });
    expect((await run(['mount'])).stdout).toMatch(/^overlay on \/ type overlay .*\nproc on \/proc type proc/);
    expect(await run(['mount', '-t', 'tmpfs', 'none', '/mnt'])).toEqual({ status: 255, stdout: '', stderr: 'mount: permission denied (are you root?)\n' });
  });

  it('which knows the utilities and executable paths', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/app/run.sh': 'echo hi\n' } }) });
    expect(await runUtility(['which', 'ls', 'sh', '/app/run.sh'], { lab })).toEqual({ status: 0, stdout: '/bin/ls\n/bin/sh\n/app/run.sh\n', stderr: '' });
    expect(await run(['which', 'ls', 'python3'])).toEqual({ status: 1, stdout: '/bin/ls\n', stderr: '' });
    expect(await run(['which'])).toEqual({ status: 1, stdout: '', stderr: 'Usage: which [-a] COMMAND...\n' });
  });
});

describe('hostname and ls additions', () => {
  const hosts = () => new MemoryFs({ files: { '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.1.7\tweb-0.nginx.default.svc.cluster.local\tweb-0\n' } });

  it.each([
    [['hostname'], 'web-0\n'],
    [['hostname', '-f'], 'web-0.nginx.default.svc.cluster.local\n'],
    [['hostname', '-d'], 'nginx.default.svc.cluster.local\n'],
    [['hostname', '-s'], 'web-0\n'],
  ])('%j', async (argv, stdout) => {
    expect(await run(argv, { fs: hosts(), env: { HOSTNAME: 'web-0' } })).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('hostname rejects an unknown option', async () => {
    expect(await run(['hostname', '-x'])).toEqual({ status: 1, stdout: '', stderr: "hostname: invalid option -- 'x'\n" });
  });

  it('ls -lah shows human sizes and -d the directory itself', async () => {
    const fs = new MemoryFs({ files: { '/srv/big.bin': 'x'.repeat(5000), '/srv/small.txt': 'hi\n' } });
    const lines = (await run(['ls', '-lah', '/srv'], { fs })).stdout.split('\n');
    expect(lines.map((line) => line.split(/\s+/)[4])).toEqual(['4.0K', '4.0K', '4.9K', '3', undefined]);
    expect(await run(['ls', '-d', '/srv'], { fs })).toEqual({ status: 0, stdout: '/srv\n', stderr: '' });
  });
});

describe('zcat and dmesg errors', () => {
  it('zcat refuses data that is not gzip', async () => {
    expect(await runUtility(['zcat'], { input: 'plain' })).toEqual({ status: 1, stdout: '', stderr: 'zcat: invalid magic\n' });
  });

  it('dmesg rejects an unknown option with its usage', async () => {
    expect(await run(['dmesg', '-z'])).toEqual({ status: 1, stdout: '', stderr: "dmesg: invalid option -- 'z'\nUsage: dmesg [-cr] [-n LEVEL] [-s SIZE]\n" });
  });
});
