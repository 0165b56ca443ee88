import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';

const TEXT = 'apple pie\nBanana split\ncherry tart\napple crumble\n';
const grep = (args: string[], input = TEXT, fs?: MemoryFs) => runUtility(['grep', ...args], { input, fs });

describe('grep', () => {
  it.each([
    [['apple'], 'apple pie\napple crumble\n'],
    [['-i', 'banana'], 'Banana split\n'],
    [['-v', 'apple'], 'Banana split\ncherry tart\n'],
    [['-c', 'apple'], '2\n'],
    [['-n', 'tart'], '3:cherry tart\n'],
    [['-o', 'a[a-z]*e'], 'apple\napple\n'],
    [['-E', 'pie|tart'], 'apple pie\ncherry tart\n'],
    [['pie\\|tart'], 'apple pie\ncherry tart\n'],
    [['^[[:upper:]]'], 'Banana split\n'],
    [['-F', 'e.'], ''],
    [['-e', 'pie', '-e', 'split'], 'apple pie\nBanana split\n'],
    [['-w', 'app'], ''],
    [['-x', 'cherry tart'], 'cherry tart\n'],
    [['--color=auto', 'tart'], 'cherry tart\n'],
    [['\\(p\\)\\1'], 'apple pie\napple crumble\n'],
  ])('%j', async (args, stdout) => {
    const result = await grep(args);
    expect(result).toEqual({ status: stdout === '' ? 1 : 0, stdout, stderr: '' });
  });

  it('-A, -B and -C print context lines, groups apart by --', async () => {
    const log = 'a\nb\nERROR 1\nc\nd\ne\nf\nERROR 2\ng\n';
    expect(await grep(['-A', '1', 'ERROR'], log)).toMatchObject({ status: 0, stdout: 'ERROR 1\nc\n--\nERROR 2\ng\n' });
    expect(await grep(['-B', '1', '-n', 'ERROR'], log)).toMatchObject({ stdout: '2-b\n3:ERROR 1\n--\n7-f\n8:ERROR 2\n' });
    expect(await grep(['-C', '3', 'ERROR'], log)).toMatchObject({ stdout: log });
    expect(await grep(['-A', 'x', 'ERROR'], log)).toEqual({ status: 2, stdout: '', stderr: "grep: invalid number 'x'\n" });
  });

  it('-q prints nothing and answers with its status', async () => {
    expect(await grep(['-q', 'cherry'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await grep(['-q', 'durian'])).toEqual({ status: 1, stdout: '', stderr: '' });
  });

  it('names files, -l lists matching ones, -r walks directories', async () => {
    const fs = new MemoryFs({ files: { '/etc/a.conf': 'port=80\n', '/etc/sub/b.conf': 'port=90\nhost=x\n', '/etc/c.conf': 'host=y\n' } });
    expect(await grep(['port', '/etc/a.conf', '/etc/sub/b.conf'], '', fs)).toMatchObject({ stdout: '/etc/a.conf:port=80\n/etc/sub/b.conf:port=90\n' });
    expect(await grep(['-l', 'host', '/etc/a.conf', '/etc/c.conf'], '', fs)).toMatchObject({ stdout: '/etc/c.conf\n' });
    expect(await grep(['-r', 'port', '/etc'], '', fs)).toMatchObject({ status: 0, stdout: '/etc/a.conf:port=80\n/etc/sub/b.conf:port=90\n' });
  });

  it('exits 2 on a missing file even when another matched, and on a bad pattern', async () => {
    const fs = new MemoryFs({ files: { '/a': 'x\n' } });
    expect(await grep(['x', '/a', '/nope'], '', fs)).toEqual({ status: 2, stdout: '/a:x\n', stderr: 'grep: /nope: No such file or directory\n' });
    expect(await grep(['-s', 'x', '/nope'], '', fs)).toEqual({ status: 2, stdout: '', stderr: '' });
    expect(await grep(['a\\(b'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^grep: bad regex/) });
    expect(await grep([])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^Usage: grep/) });
    expect(await grep(['-Z', 'x'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^grep: invalid option -- 'Z'\nUsage: grep/) });
  });
});
