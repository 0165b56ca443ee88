import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { runUtility } from '../testing/run-utility.js';
import { virtualHost } from '../testing/virtual-host.js';

describe('timeout', () => {
  it('returns the command status when it finishes in time', async () => {
    expect(await runUtility(['timeout', '5', 'sh', '-c', 'echo hi; exit 3'])).toEqual({ status: 3, stdout: 'hi\n', stderr: '' });
  });

  it('stops a command that runs too long: 128 + SIGTERM, as busybox', async () => {
    const lab = virtualHost();
    const exit = runProcess(['timeout', '2', 'sh', '-c', 'echo start; sleep 10; echo never'], lab.host);
    await lab.advance(2);
    expect(await exit).toBe(143);
    expect(lab.stdout()).toBe('start\n');
    await lab.advance(20);
    expect(lab.stdout()).toBe('start\n');
  });

  it('-s KILL ends with 137 and stops an endless ping', async () => {
    const lab = virtualHost();
    const exit = runProcess(['sh', '-c', 'timeout -s KILL 3 ping 10.0.0.1; echo "status $?"'], lab.host);
    await lab.advance(3);
    expect(await exit).toBe(0);
    expect(lab.stdout().match(/bytes from/g)).toHaveLength(3);
    expect(lab.stdout()).toMatch(/status 137\n$/);
  });

  it('dies with the container', async () => {
    const lab = virtualHost();
    const exit = runProcess(['timeout', '100', 'sleep', '50'], lab.host);
    await lab.advance(1);
    lab.kill('SIGTERM');
    expect(await exit).toBe(143);
  });

  it('reports bad usage, signals and unknown commands', async () => {
    expect(await runUtility(['timeout', '5'])).toEqual({ status: 1, stdout: '', stderr: 'Usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n' });
    expect(await runUtility(['timeout', 'x', 'true'])).toEqual({ status: 1, stdout: '', stderr: "timeout: invalid number 'x'\n" });
    expect(await runUtility(['timeout', '-s', 'BOGUS', '1', 'true'])).toEqual({ status: 1, stdout: '', stderr: "timeout: unknown signal 'BOGUS'\n" });
    expect(await runUtility(['timeout', '1', 'nosuch'])).toEqual({ status: 127, stdout: '', stderr: "timeout: can't execute 'nosuch': No such file or directory\n" });
  });
});

describe('xargs', () => {
  it.each([
    [['xargs'], 'a b\nc\n', 'a b c\n'],
    [['xargs', '-n', '1'], 'a b c', 'a\nb\nc\n'],
    [['xargs', '-n', '2', 'echo', '>'], 'a b c', '> a b\n> c\n'],
    [['xargs', '-I', '{}', 'echo', 'file-{}.txt'], 'one\ntwo\n', 'file-one.txt\nfile-two.txt\n'],
    [['xargs', '-I{}', 'echo', '<{}>'], 'a b\n', '<a b>\n'],
    [['xargs', '-n1', 'echo', '-'], 'x y', '- x\n- y\n'],
    [['xargs', 'echo'], '"a b" \'c d\' e\\ f', 'a b c d e f\n'],
    [['xargs', '-0', 'echo'], 'a b\0c\0', 'a b c\n'],
  ])('%j', async (argv, input, stdout) => {
    expect(await runUtility(argv, { input })).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('runs once on empty input unless -r; -t echoes the commands', async () => {
    expect(await runUtility(['xargs', 'echo', 'x'], { input: '' })).toMatchObject({ stdout: 'x\n' });
    expect(await runUtility(['xargs', '-r', 'echo', 'x'], { input: '' })).toMatchObject({ stdout: '' });
    expect(await runUtility(['xargs', '-t', 'echo'], { input: 'a' })).toEqual({ status: 0, stdout: 'a\n', stderr: 'echo a\n' });
  });

  it('works on files found by their names', async () => {
    const fs = new MemoryFs({ files: { '/a': 'A\n', '/b': 'B\n' } });
    expect(await runUtility(['xargs', 'cat'], { input: '/a /b\n', fs })).toEqual({ status: 0, stdout: 'A\nB\n', stderr: '' });
  });

  it('123 when a command failed, 127 for an unknown one, and quote errors', async () => {
    expect(await runUtility(['xargs', '-n', '1', 'test', '-f'], { input: '/tmp /dev/null' })).toMatchObject({ status: 123 });
    expect(await runUtility(['xargs', 'nosuch'], { input: 'a' })).toEqual({ status: 127, stdout: '', stderr: 'xargs: nosuch: No such file or directory\n' });
    expect(await runUtility(['xargs'], { input: '"abc' })).toEqual({ status: 1, stdout: '', stderr: 'xargs: unmatched double quote\n' });
    expect(await runUtility(['xargs', '-n', '0'], { input: 'a' })).toEqual({ status: 1, stdout: '', stderr: "xargs: invalid number '0'\n" });
  });
});

describe('md5sum, sha1sum, sha256sum', () => {
  const binary = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));

  it.each([
    ['md5sum', 'e2c865db4162bed963bfaa9ef6ac18f0'],
    ['sha1sum', '4916d6bdb7f78e6803698cab32d1586ea457dfc8'],
    ['sha256sum', '40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880'],
  ])('%s hashes the bytes of stdin and files', async (name, digest) => {
    const fs = new MemoryFs();
    fs.write('/bin.dat', binary);
    expect(await runUtility([name], { input: binary })).toEqual({ status: 0, stdout: `${digest}  -\n`, stderr: '' });
    expect(await runUtility([name, '/bin.dat'], { fs })).toMatchObject({ stdout: `${digest}  /bin.dat\n` });
  });

  it('-c checks a list and reports mismatches', async () => {
    const fs = new MemoryFs({ files: { '/a': 'hello\n', '/b': 'world\n', '/sums': 'b1946ac92492d2347c6235b4d2611184  /a\n00000000000000000000000000000000  /b\n' } });
    expect(await runUtility(['md5sum', '-c', '/sums'], { fs })).toEqual({
      status: 1,
      stdout: '/a: OK\n/b: FAILED\n',
      stderr: 'md5sum: WARNING: 1 of 2 computed checksums did NOT match\n',
    });
  });

  it('reports a missing file', async () => {
    expect(await runUtility(['sha256sum', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "sha256sum: can't open '/nope': No such file or directory\n" });
  });
});

describe('base64', () => {
  it('encodes bytes wrapped at 76 columns and decodes them back', async () => {
    const binary = String.fromCharCode(...Array.from({ length: 100 }, (_, i) => (i * 7) % 256));
    const encoded = await runUtility(['base64'], { input: binary });
    expect(encoded.stdout.split('\n').map((line) => line.length)).toEqual([76, 60, 0]);
    expect(await runUtility(['base64', '-d'], { input: encoded.stdout })).toEqual({ status: 0, stdout: binary, stderr: '' });
    expect(await runUtility(['base64', '-w', '0'], { input: 'hello' })).toMatchObject({ stdout: 'aGVsbG8=\n' });
  });

  it('reports a missing file and a bad width', async () => {
    expect(await runUtility(['base64', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "base64: can't open '/nope': No such file or directory\n" });
    expect(await runUtility(['base64', '-w', 'x'])).toEqual({ status: 1, stdout: '', stderr: "base64: invalid number 'x'\n" });
  });
});
