import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { Volume } from '../fs/volume.js';
import type { ProcessHost } from './process-host.js';
import { runProcess } from './launch.js';
import { virtualHost } from '../testing/virtual-host.js';

/** Runs argv to completion on a fresh host; for scripts that never sleep. */
async function run(argv: string[], setup: Parameters<typeof virtualHost>[0] = {}) {
  const lab = virtualHost(setup);
  const status = await runProcess(argv, lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), lab };
}

describe('runProcess: the Kubernetes examples', () => {
  it('sh -c "echo Hello world" prints and exits 0', async () => {
    expect(await run(['sh', '-c', 'echo Hello world'])).toMatchObject({ status: 0, stdout: 'Hello world\n', stderr: '' });
  });

  it('an init container waits with nslookup until the Service resolves', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\nsearch default.svc.cluster.local\n' } }) });
    let status: number | undefined;
    void runProcess(['sh', '-c', 'until nslookup myservice; do echo waiting..; sleep 1; done;'], lab.host).then((s) => (status = s));
    await lab.advance(2.5);
    expect(status).toBeUndefined();
    expect(lab.stdout().match(/waiting\.\./g)).toHaveLength(3);
    expect(lab.stdout()).toContain("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find myservice: NXDOMAIN\n");
    lab.dns.set('myservice', '10.96.12.34');
    await lab.advance(1);
    expect(status).toBe(0);
    expect(lab.stdout().endsWith('Name:\tmyservice\nAddress: 10.96.12.34\n\n')).toBe(true);
  });

  it.each([
    ['SIGKILL', 137],
    ['SIGTERM', 143],
  ] as const)('echo && sleep 3600 prints, sleeps, and dies of %s with %i', async (signal, expected) => {
    const lab = virtualHost();
    const result = runProcess(['sh', '-c', 'echo "Hello, Kubernetes!" && sleep 3600'], lab.host);
    await lab.advance(1800);
    expect(lab.stdout()).toBe('Hello, Kubernetes!\n');
    lab.kill(signal);
    expect(await result).toBe(expected);
  });

  it('sleep 3600 ends with 0 once the hour has passed', async () => {
    const lab = virtualHost();
    const result = runProcess(['sleep', '3600'], lab.host);
    await lab.advance(3600);
    expect(await result).toBe(0);
  });

  it('a process killed before it starts resolves at once', async () => {
    const lab = virtualHost();
    lab.kill('SIGKILL');
    expect(await runProcess(['sleep', '1'], lab.host)).toBe(137);
  });

  it('the liveness-probe example removes /tmp/healthy after 30s, and cat as an exec probe sees it', async () => {
    const lab = virtualHost();
    const probe = async () => run(['cat', '/tmp/healthy'], { fs: lab.fs });
    void runProcess(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], lab.host);
    await lab.advance(10);
    expect(await probe()).toMatchObject({ status: 0, stdout: '', stderr: '' });
    await lab.advance(25);
    expect(await probe()).toMatchObject({ status: 1, stderr: "cat: can't open '/tmp/healthy': No such file or directory\n" });
  });

  it.each([
    [['sh', '-c', 'exit 1'], 1],
    [['sh', '-c', 'exit'], 0],
    [['sh', '-c', 'false; exit'], 1],
    [['sh', '-c', 'exit 300'], 44],
    [['bash', '-c', 'exit 3'], 3],
    [['sh', '-c', ''], 0],
    [['sh'], 0],
    [['true'], 0],
    [['false'], 1],
  ])('%j exits %i', async (argv, status) => {
    expect((await run(argv)).status).toBe(status);
  });

  it('two containers share an emptyDir volume', async () => {
    const shared = new Volume();
    const writer = new MemoryFs();
    const reader = new MemoryFs();
    writer.mount('/data', shared);
    reader.mount('/pod-data', shared);
    const result = await run(['sh', '-c', 'echo hi > /data/x; cat /data/x'], { fs: writer });
    expect(result).toMatchObject({ status: 0, stdout: 'hi\n' });
    expect(await run(['cat', '/pod-data/x'], { fs: reader })).toMatchObject({ status: 0, stdout: 'hi\n' });
  });

  it('while true; do date; sleep 5; done prints the lab time every 5 seconds until killed', async () => {
    const lab = virtualHost();
    const result = runProcess(['sh', '-c', 'while true; do date; sleep 5; done'], lab.host);
    await lab.advance(12);
    expect(lab.stdout()).toBe('Wed Jan  1 12:00:00 UTC 2025\nWed Jan  1 12:00:05 UTC 2025\nWed Jan  1 12:00:10 UTC 2025\n');
    lab.kill('SIGKILL');
    expect(await result).toBe(137);
  });

  it('the logging tutorial counter counts with arithmetic', async () => {
    const lab = virtualHost();
    void runProcess(['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date +%T)"; i=$((i+1)); sleep 1; done'], lab.host);
    await lab.advance(2);
    expect(lab.stdout()).toBe('0: 12:00:00\n1: 12:00:01\n2: 12:00:02\n');
    lab.kill('SIGKILL');
  });
});

describe('runProcess: programs that are not there', () => {
  it.each([
    [['nginx', '-g', 'daemon off;'], 127, '', 'exec: nginx: not found\n'],
    [['exit', '1'], 127, '', 'exec: exit: not found\n'],
    [['sh', '-c', 'python app.py; echo $?'], 0, '127\n', 'sh: python: not found\n'],
    [['sh', '-c', 'python app.py'], 127, '', 'sh: python: not found\n'],
    [[], 127, '', 'exec: no command given\n'],
  ])('%j → %i', async (argv, status, stdout, stderr) => {
    expect(await run(argv)).toMatchObject({ status, stdout, stderr });
  });

  it.each([
    [['sh', '-c', 'ps; echo $?'], 0, '127\n', 'sh: ps: not found\n'],
    [['sh', '-c', 'echo hi; printf "%s\\n" there; [ -d / ] && pwd; kill -0 1 && true'], 0, 'hi\nthere\n/\n', ''],
    [['sh', '-c', 'timeout 1 ps'], 127, '', "timeout: can't execute 'ps': No such file or directory\n"],
    [['sh', '-c', 'env ps'], 127, '', "env: can't execute 'ps': No such file or directory\n"],
    [['sh', '-c', 'cat /etc/os-release'], 0, 'ID=debian\n', ''],
  ])('in an image that holds only sh, cat and env (nginx has no procps): %j → %i', async (argv, status, stdout, stderr) => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/etc/os-release': 'ID=debian\n' } }) });
    const exit = await runProcess(argv, { ...lab.host, programs: new Set(['sh', 'cat', 'env', 'timeout']) });
    expect({ status: exit, stdout: lab.stdout(), stderr: lab.stderr() }).toEqual({ status, stdout, stderr });
  });

  it('a syntax error exits 2 with busybox wording', async () => {
    expect(await run(['sh', '-c', 'while true; do echo'])).toMatchObject({
      status: 2,
      stderr: 'sh: syntax error: unexpected end of file (expecting "done")\n',
    });
  });

  it('a busy loop without sleep is stopped with status 1', async () => {
    const lab = virtualHost();
    const status = await runProcess(['sh', '-c', 'while true; do :; done'], lab.host, { maxCommandsWithoutSleep: 2000 });
    expect(status).toBe(1);
    expect(lab.stderr()).toBe('sh: stopped after 2000 commands without a sleep (endless busy loop?)\n');
  });

  it('a busy loop can still be killed', async () => {
    const lab = virtualHost();
    const result = runProcess(['sh', '-c', 'while :; do :; done'], lab.host, { maxCommandsWithoutSleep: 1e9, commandsPerYield: 10 });
    await lab.settle();
    lab.kill('SIGKILL');
    expect(await result).toBe(137);
  });

  describe('on a host that paces busy processes (ProcessHost.spin)', () => {
    const pacedHost = () => {
      const lab = virtualHost();
      const start = lab.host.now().getTime();
      const paced = { lab, spins: 0, busySince: [] as number[], host: { ...lab.host } as ProcessHost };
      paced.host.spin = (_stop, busySince) => {
        paced.spins++;
        paced.busySince.push(busySince.getTime() - start);
        return new Promise<void>((resolve) => setImmediate(resolve));
      };
      return paced;
    };
    const limits = { maxCommandsWithoutSleep: 2000, commandsPerYield: 10, burstCommands: 100 };

    it.each([
      ['an endless loop', 'while true; do :; done'],
      ['yes into /dev/null', 'yes > /dev/null'],
    ])('%s spins on the host past its burst and runs until killed, never stopped by the busy-loop limit', async (_, script) => {
      const paced = pacedHost();
      const result = runProcess(['sh', '-c', script], paced.host, limits);
      for (let i = 0; i < 20; i++) await paced.lab.settle();
      expect(paced.spins).toBeGreaterThan(20);
      paced.lab.kill('SIGKILL');
      expect(await result).toBe(137);
      expect(paced.lab.stderr()).toBe('');
    });

    it('tells the host when the busy stretch began: after the last sleep', async () => {
      const paced = pacedHost();
      const result = runProcess(['sh', '-c', 'sleep 5; while true; do :; done'], paced.host, limits);
      await paced.lab.advance(5);
      for (let i = 0; i < 5; i++) await paced.lab.settle();
      expect(paced.spins).toBeGreaterThan(0);
      expect(new Set(paced.busySince)).toEqual(new Set([5000]));
      paced.lab.kill('SIGKILL');
      expect(await result).toBe(137);
    });

    it.each([
      ['a burst shorter than the allowance', 'i=0; while [ $i -lt 20 ]; do i=$((i+1)); done; echo $i', 0],
      ['a loop that sleeps', 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do :; :; :; :; :; :; :; :; :; sleep 1; done; echo done', 0],
    ])('%s never spins', async (_, script) => {
      const paced = pacedHost();
      const result = runProcess(['sh', '-c', script], paced.host, limits);
      await paced.lab.advance(30);
      expect(await result).toBe(0);
      expect(paced.spins).toBe(0);
    });
  });

  it.each([
    ['a script that runs itself', ['/loop.sh'], 'sh: stopped at 100 nested shells (endless recursion?)\n'],
    ['eval recursion', ['sh', '-c', 'X=\'eval "$X"\'; eval "$X"'], 'sh: stopped at 100 nested shells (endless recursion?)\n'],
  ])('%s is stopped with status 1', async (_, argv, stderr) => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/loop.sh': '/loop.sh\n' } }) });
    expect(await runProcess(argv, lab.host)).toBe(1);
    expect(lab.stderr()).toBe(stderr);
  });

  it('sleeping resets the busy-loop budget', async () => {
    const lab = virtualHost();
    const result = runProcess(['sh', '-c', 'for i in 1 2 3 4 5; do :; :; :; sleep 1; done; echo done'], lab.host, { maxCommandsWithoutSleep: 6 });
    await lab.advance(10);
    expect(await result).toBe(0);
    expect(lab.stdout()).toBe('done\n');
  });
});

describe('runProcess: working directory and environment', () => {
  it('relative paths follow workingDir', async () => {
    expect(await run(['sh', '-c', 'pwd; echo x > f; cat /srv/f'], { workingDir: '/srv', fs: new MemoryFs({ directories: ['/srv'] }) })).toMatchObject({
      stdout: '/srv\nx\n',
    });
  });

  it('the pod env reaches the script and printenv', async () => {
    const env = { HOSTNAME: 'web-0', GREETING: 'Warm greetings to' };
    expect(await run(['sh', '-c', 'echo "$GREETING $HOSTNAME"; hostname'], { env })).toMatchObject({ stdout: 'Warm greetings to web-0\nweb-0\n' });
    expect(await run(['printenv', 'GREETING'], { env })).toMatchObject({ status: 0, stdout: 'Warm greetings to\n' });
  });
});
