import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

async function run(argv: string[], fs?: MemoryFs, env: Record<string, string> = {}) {
  const lab = virtualHost({ fs, env });
  const status = await runProcess(argv, lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

const sh = (script: string, fs?: MemoryFs) => run(['sh', '-c', script], fs);

describe('echo and printf', () => {
  it.each([
    ['echo', '\n'],
    ['echo -n hi', 'hi'],
    ['echo -n -e "a\\tb"', 'a\tb'],
    ['echo "a\\nb"', 'a\\nb\n'],
    ['echo -e "a\\nb\\c" more', 'a\nb'],
    ['echo -e "\\0101\\x42"', 'AB\n'],
    ['echo -E "a\\n"', 'a\\n\n'],
    ['echo -x', '-x\n'],
    ['echo a   b', 'a b\n'],
    ['printf "%s-%s\\n" a b c', 'a-b\nc-\n'],
    ['printf "%d|%5d|%-5d|%05d|%+d\\n" 42 42 42 42 42', '42|   42|42   |00042|+42\n'],
    ['printf "%x %X %o %#x %c\\n" 255 255 8 255 hello', 'ff FF 10 0xff h\n'],
    ['printf "%.2f %e %g %g\\n" 3.14159 1500 0.0001 100000', '3.14 1.500000e+03 0.0001 100000\n'],
    ['printf "%5s|%-5s|%.2s\\n" ab ab abcdef', '   ab|ab   |ab\n'],
    ['printf "100%%\\n"', '100%\n'],
    ['printf "%b" "x\\ty\\n"', 'x\ty\n'],
    ['printf "\\101\\n"', 'A\n'],
    ['printf hi', 'hi'],
  ])('%j', async (script, stdout) => {
    expect(await sh(script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it('printf reports a bad number and goes on', async () => {
    expect(await sh('printf "%d\\n" abc')).toMatchObject({ status: 1, stdout: '0\n', stderr: "printf: invalid number 'abc'\n" });
  });
});

describe('test and [', () => {
  const fs = () => new MemoryFs({ files: { '/tmp/full': 'x', '/tmp/empty': '' } });

  it.each([
    ['[ -f /tmp/full ]', 0],
    ['[ -f /tmp ]', 1],
    ['[ -d /tmp ]', 0],
    ['[ -e /tmp/nope ]', 1],
    ['[ -s /tmp/full ]', 0],
    ['[ -s /tmp/empty ]', 1],
    ['[ -e /dev/null ]', 0],
    ['[ -f /dev/null ]', 1],
    ['[ -z "" ]', 0],
    ['[ -n "" ]', 1],
    ['[ -n ]', 0],
    ['[ "" ]', 1],
    ['[ abc ]', 0],
    ['[ a = a ]', 0],
    ['[ a != a ]', 1],
    ['[ a == b ]', 1],
    ['[ 3 -eq 3 ]', 0],
    ['[ 3 -ne 3 ]', 1],
    ['[ 2 -lt 10 ]', 0],
    ['[ 10 -le 2 ]', 1],
    ['[ 10 -gt 2 ]', 0],
    ['[ -1 -ge 0 ]', 1],
    ['[ ! -f /tmp/nope ]', 0],
    ['[ -f /tmp/full -a -d /tmp ]', 0],
    ['[ -f /tmp/nope -o -d /tmp ]', 0],
    ['[ \\( a = b \\) -o c = c ]', 0],
    ['test -d /tmp', 0],
    ['test', 1],
    ['[ ]', 1],
  ])('%j → %i', async (script, status) => {
    expect(await sh(script, fs())).toMatchObject({ status, stderr: '' });
  });

  it.each([
    ['[ -f /tmp/x', 'sh: missing ]\n'],
    ['[ abc -eq 1 ]', 'sh: abc: bad number\n'],
    ['[ a b ]', 'sh: b: unknown operand\n'],
  ])('%j is malformed (status 2)', async (script, stderr) => {
    expect(await sh(script)).toMatchObject({ status: 2, stderr });
  });
});

describe('file utilities', () => {
  it('touch, ls, rm, mkdir work together', async () => {
    const fs = new MemoryFs();
    expect(await sh('mkdir -p /a/b/c && touch /a/one /a/.dot && ls /a && ls -a /a && ls -A /a', fs)).toMatchObject({
      status: 0,
      stdout: 'b\none\n.\n..\n.dot\nb\none\n.dot\nb\none\n',
    });
    expect(await sh('rm -r /a/b && rm /a/one && ls /a', fs)).toMatchObject({ status: 0, stdout: '' });
  });

  it.each([
    ['rm /nope', 1, "rm: can't remove '/nope': No such file or directory\n"],
    ['rm -f /nope', 0, ''],
    ['rm /tmp', 1, "rm: '/tmp' is a directory\n"],
    ['rm -z /x', 1, "rm: invalid option -- 'z'\n"],
    ['mkdir /x/y', 1, "mkdir: can't create directory '/x/y': No such file or directory\n"],
    ['mkdir /tmp', 1, "mkdir: can't create directory '/tmp': File exists\n"],
    ['mkdir -p /tmp', 0, ''],
    ['touch /x/y', 1, 'touch: /x/y: No such file or directory\n'],
    ['touch -c /tmp/new; [ -e /tmp/new ]', 1, ''],
    ['cat /tmp', 1, 'cat: read error: Is a directory\n'],
    ['ls /nope', 1, 'ls: /nope: No such file or directory\n'],
    ['sleep', 1, 'Usage: sleep [N]...\n'],
    ['sleep abc', 1, "sleep: invalid number 'abc'\n"],
  ])('%j → %i', async (script, status, stderr) => {
    expect(await sh(script)).toMatchObject({ status, stderr });
  });

  it('ls lists files given as operands and several directories with headers, each in name order', async () => {
    const fs = new MemoryFs({ files: { '/d1/a': '', '/d2/b': '', '/f': '' } });
    expect(await sh('ls /f /d1 /d2', fs)).toMatchObject({ stdout: '/f\n\n/d1:\na\n\n/d2:\nb\n' });
    expect(await sh('ls /d1 /d2', fs)).toMatchObject({ stdout: '/d1:\na\n\n/d2:\nb\n' });
    expect(await sh('ls /d2 /f /d1', fs)).toMatchObject({ stdout: '/f\n\n/d1:\na\n\n/d2:\nb\n' });
    expect(await sh('ls -d /f /d2 /d1', fs)).toMatchObject({ stdout: '/d1\n/d2\n/f\n' });
  });

  it('ls -l prints the busybox long format with lab times', async () => {
    const lab = virtualHost();
    await lab.advance(90);
    await runProcess(['sh', '-c', 'mkdir /srv; echo hello > /srv/index.html; ls -l /srv'], lab.host);
    expect(lab.stdout()).toBe('-rw-r--r--    1 root     root             6 Jan  1 12:01 index.html\n');
  });

  it('cat prints several files and reports the missing one', async () => {
    const fs = new MemoryFs({ files: { '/a': 'A\n', '/b': 'B\n' } });
    expect(await run(['cat', '/a', '/missing', '/b'], fs)).toMatchObject({
      status: 1,
      stdout: 'A\nB\n',
      stderr: "cat: can't open '/missing': No such file or directory\n",
    });
  });

  it('writes to a read-only mount fail', async () => {
    const fs = new MemoryFs();
    const { Volume } = await import('../fs/volume.js');
    fs.mount('/etc/config', new Volume({ 'app.properties': 'x=1\n' }), { readOnly: true });
    expect(await sh('cat /etc/config/app.properties; echo y > /etc/config/new; rm /etc/config/app.properties', fs)).toMatchObject({
      stdout: 'x=1\n',
      stderr: "sh: can't create /etc/config/new: Read-only file system\nrm: can't remove '/etc/config/app.properties': Read-only file system\n",
    });
  });
});

describe('date, env, seq', () => {
  it.each([
    [['date'], 'Wed Jan  1 12:00:00 UTC 2025\n'],
    [['date', '-u', '+%Y-%m-%dT%H:%M:%SZ'], '2025-01-01T12:00:00Z\n'],
    [['date', '+%s %j %a %A %b %B %D %F %T %R %I%p %y %u %w %z %Z %%'], '1735732800 001 Wed Wednesday Jan January 01/01/25 2025-01-01 12:00:00 12:00 12PM 25 3 3 +0000 UTC %\n'],
    [['date', '-R'], 'Wed, 01 Jan 2025 12:00:00 +0000\n'],
    [['seq', '3'], '1\n2\n3\n'],
    [['seq', '2', '4'], '2\n3\n4\n'],
    [['seq', '10', '-5', '0'], '10\n5\n0\n'],
    [['seq', '0', '0.5', '1'], '0.0\n0.5\n1.0\n'],
    [['env', 'A=1', 'printenv', 'A'], '1\n'],
    [['env', '-i', 'env'], ''],
  ])('%j', async (argv, stdout) => {
    expect(await run(argv)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it('env prints the environment; env runs commands and reports missing ones', async () => {
    expect(await run(['env'], undefined, { A: '1', B: 'two' })).toMatchObject({ stdout: 'A=1\nB=two\n' });
    expect(await run(['env', 'nope'])).toMatchObject({ status: 127, stderr: "env: can't execute 'nope': No such file or directory\n" });
  });

  it('printenv fails for an unset name', async () => {
    expect(await run(['printenv', 'NOPE'])).toMatchObject({ status: 1, stdout: '' });
  });

  it('hostname -i reads /etc/hosts as the kubelet writes it', async () => {
    const fs = new MemoryFs({ files: { '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.1.7\tweb-0\n' } });
    expect(await run(['hostname', '-i'], fs, { HOSTNAME: 'web-0' })).toMatchObject({ status: 0, stdout: '10.244.1.7\n' });
  });
});

describe('network utilities', () => {
  function lab() {
    const host = virtualHost({ fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\n' } }) });
    host.dns.set('nginx', '10.96.0.20');
    host.dns.set('broken', '10.96.0.21');
    host.dns.set('closed', '10.96.0.22');
    host.web.set('http://nginx/', { status: 200, body: '<h1>Welcome to nginx!</h1>\n' });
    host.web.set('http://nginx:8080/healthz', { status: 200, body: 'ok' });
    host.web.set('http://broken/', { status: 503, body: 'down' });
    return host;
  }

  async function net(argv: string[]) {
    const host = lab();
    const status = await runProcess(argv, host.host);
    return { status, stdout: host.stdout(), stderr: host.stderr(), fs: host.fs };
  }

  it.each([
    [['wget', '-qO-', 'http://nginx'], 0, '<h1>Welcome to nginx!</h1>\n', ''],
    [['wget', '-q', '-O', '-', 'nginx'], 0, '<h1>Welcome to nginx!</h1>\n', ''],
    [['wget', '-O-', 'nginx:8080/healthz'], 0, 'ok', 'Connecting to nginx:8080 (10.96.0.20:8080)\nwriting to stdout\nwritten to stdout\n'],
    [['wget', '--spider', '--timeout=1', 'nginx'], 0, '', 'Connecting to nginx (10.96.0.20:80)\nremote file exists\n'],
    [['wget', '-q', '--spider', '-T', '2', 'nginx'], 0, '', ''],
    [['wget', '-qO-', 'ghost'], 1, '', "wget: bad address 'ghost'\n"],
    [['wget', '-qO-', 'closed'], 1, '', "wget: can't connect to remote host (10.96.0.22): Connection refused\n"],
    [['wget', '-qO-', 'broken'], 1, '', 'wget: server returned error: HTTP/1.1 503 Service Unavailable\n'],
    [['wget', '-qO-', '10.96.0.22:81'], 1, '', "wget: can't connect to remote host (10.96.0.22): Connection refused\n"],
    [['wget', '-qO-'], 1, '', 'Usage: wget [-q] [--spider] [-O FILE] [-T SEC] URL...\n'],
    [['curl', 'nginx'], 0, '<h1>Welcome to nginx!</h1>\n', ''],
    [['curl', '-s', 'http://nginx/'], 0, '<h1>Welcome to nginx!</h1>\n', ''],
    [['curl', '-sf', 'broken'], 22, '', ''],
    [['curl', '-sSf', 'broken'], 22, '', 'curl: (22) The requested URL returned error: 503\n'],
    [['curl', 'broken'], 0, 'down', ''],
    [['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'broken'], 0, '503\n', ''],
    [['curl', '-sI', 'nginx'], 0, 'HTTP/1.1 200 OK\r\n\r\n', ''],
    [['curl', 'ghost'], 6, '', 'curl: (6) Could not resolve host: ghost\n'],
    [['curl', '-s', 'ghost'], 6, '', ''],
    [['curl', '--max-time', '2', 'closed:8080'], 7, '', "curl: (7) Failed to connect to closed port 8080 after 0 ms: Couldn't connect to server\n"],
    [['curl', '-Z', 'nginx'], 2, '', "curl: invalid option -- 'Z'\ncurl: try 'curl --help' for more information\n"],
    [['nslookup', 'nginx'], 0, 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tnginx\nAddress: 10.96.0.20\n\n', ''],
    [['nslookup', 'ghost'], 1, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find ghost: NXDOMAIN\n\n", ''],
    [['nslookup'], 1, '', 'Usage: nslookup HOST [DNS_SERVER]\n'],
  ])('%j → %i', async (argv, status, stdout, stderr) => {
    expect(await net(argv)).toMatchObject({ status, stdout, stderr });
  });

  it.each([
    [['nslookup', 'kubernetes.default'], 0, 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1\n', ''],
    [['nslookup', 'ghost'], 1, 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n', "nslookup: can't resolve 'ghost'\n"],
    [['sh', '-c', 'timeout 5 nslookup kubernetes.default'], 0, 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1\n', ''],
  ])('busybox 1.28\'s %j prints the pre-1.29 format the DNS debugging page shows', async (argv, status, stdout, stderr) => {
    const host = lab();
    host.dns.set('kubernetes.default', '10.96.0.1');
    expect(await runProcess(argv, { ...host.host, busyboxVersion: '1.28.4' })).toBe(status);
    expect({ stdout: host.stdout(), stderr: host.stderr() }).toEqual({ stdout, stderr });
  });

  it.each([
    [undefined, 1, ';; connection timed out; no servers could be reached\n\n', ''],
    ['1.28.4', 1, 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n', "nslookup: can't resolve 'kubernetes.default'\n"],
  ])('nslookup (busybox %s) waits out a DNS server that does not answer, then says so', async (busyboxVersion, status, stdout, stderr) => {
    const host = lab();
    host.dns.set('kubernetes.default', '10.96.0.1');
    const asked: string[] = [];
    const nameserverAnswers = async (server: string) => (asked.push(server), false);
    let exited: number | undefined;
    void runProcess(['nslookup', 'kubernetes.default'], { ...host.host, nameserverAnswers, lookup: async () => undefined, ...(busyboxVersion ? { busyboxVersion } : {}) }).then((s) => (exited = s));
    await host.advance(9.9);
    expect(exited).toBeUndefined();
    await host.advance(0.1);
    expect({ exited, stdout: host.stdout(), stderr: host.stderr(), asked: asked[0] }).toEqual({ exited: status, stdout, stderr, asked: '10.96.0.10' });
  });

  it('dig says no server could be reached, with status 9', async () => {
    const host = lab();
    const exit = runProcess(['dig', 'kubernetes.default'], { ...host.host, nameserverAnswers: async () => false });
    await host.advance(15);
    expect(await exit).toBe(9);
    expect(host.stdout()).toBe('\n; <<>> DiG 9.18.24 <<>> kubernetes.default\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n');
  });

  it('wget and curl save to files', async () => {
    const wget = await net(['sh', '-c', 'cd /tmp && wget nginx && wget -q -O /tmp/copy.html nginx && curl -so /tmp/c.html nginx && ls']);
    expect(wget.status).toBe(0);
    expect(wget.stderr).toBe("Connecting to nginx (10.96.0.20:80)\nsaving to 'index.html'\n'index.html' saved\n");
    expect(wget.stdout).toBe('c.html\ncopy.html\nindex.html\n');
    expect(wget.fs.read('/tmp/index.html')).toBe('<h1>Welcome to nginx!</h1>\n');
  });

  it('wget can be killed while waiting on the network', async () => {
    const host = virtualHost();
    host.host.http = () => new Promise(() => undefined);
    host.dns.set('slow', '10.0.0.1');
    const result = runProcess(['wget', '-qO-', 'slow'], host.host);
    await host.settle();
    host.kill('SIGTERM');
    expect(await result).toBe(143);
  });

  it.each([
    [['wget', '-qO-', '-T', '2', 'http://web'], 2, 'wget: download timed out\n'],
    [['wget', 'http://web'], 127, "Connecting to web (10.96.0.30:80)\nwget: can't connect to remote host (10.96.0.30): Connection timed out\n"],
    [['wget', '-q', '-T', '900', 'web'], 127, "wget: can't connect to remote host (10.96.0.30): Connection timed out\n"],
    [['curl', '-m', '2', 'http://web'], 2, 'curl: (28) Connection timed out after 2000 milliseconds\n'],
    [['curl', '-sS', '--connect-timeout', '1.5', '-m', '5', 'web'], 1.5, 'curl: (28) Connection timed out after 1500 milliseconds\n'],
    [['curl', 'web:8080'], 127, 'curl: (28) Failed to connect to web port 8080 after 127000 ms: Connection timed out\n'],
    [['curl', '-s', 'web'], 127, ''],
    [['nc', '-z', '-w', '3', 'web', '80'], 3, 'nc: timed out\n'],
    [['nc', '-z', 'web', '80'], 127, "nc: can't connect to remote host (10.96.0.30): Connection timed out\n"],
  ])('%j gives up on a connection that never answers (a NetworkPolicy drop) after %d s of lab time', async (argv, seconds, stderr) => {
    const host = virtualHost();
    host.host.http = () => new Promise(() => undefined);
    host.dns.set('web', '10.96.0.30');
    let status: number | undefined;
    void runProcess(argv, host.host).then((s) => (status = s));
    await host.advance(seconds - 0.1);
    expect(status).toBeUndefined();
    await host.advance(0.1);
    expect({ status, stderr: host.stderr() }).toEqual({ status: argv[0] === 'curl' ? 28 : 1, stderr });
  });

  it('curl refuses a timeout that is no number, as curl does', async () => {
    expect(await net(['curl', '-m', 'soon', 'nginx'])).toMatchObject({ status: 2, stderr: "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' for more information\n" });
  });

  it('wget leaves no timer behind when the answer comes first', async () => {
    const host = lab();
    expect(await runProcess(['wget', '-qO-', '-T', '5', 'nginx'], host.host)).toBe(0);
    expect(host.pendingSleeps()).toBe(0);
  });
});
