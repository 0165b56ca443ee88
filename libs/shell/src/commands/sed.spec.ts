import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';

const sed = (args: string[], input = 'one\ntwo\nthree\n', fs?: MemoryFs) => runUtility(['sed', ...args], { input, fs });

describe('sed', () => {
  it.each([
    [['s/o/0/'], 'One\ntw0\nthree\n'.replace('One', '0ne')],
    [['s/e/E/g'], 'onE\ntwo\nthrEE\n'],
    [['s/\\(t\\)\\(w\\)/\\2\\1/'], 'one\nwto\nthree\n'],
    [['-E', 's/(o)(n)/[\\2\\1]/'], '[no]e\ntwo\nthree\n'],
    [['s/t.*/<&>/'], 'one\n<two>\n<three>\n'],
    [['s|/|:|g'], 'one\ntwo\nthree\n'],
    [['-n', '2p'], 'two\n'],
    [['-n', '$p'], 'three\n'],
    [['2d'], 'one\nthree\n'],
    [['/^t/d'], 'one\n'],
    [['/one/,/two/d'], 'three\n'],
    [['1,2s/^/> /'], '> one\n> two\nthree\n'],
    [['2!d'], 'two\n'],
    [['-n', '/e$/p'], 'one\nthree\n'],
    [['-e', 's/one/1/', '-e', 's/two/2/'], '1\n2\nthree\n'],
    [['s/o/0/;s/t/T/'], '0ne\nTw0\nThree\n'],
    [['2q'], 'one\ntwo\n'],
    [['='], '1\none\n2\ntwo\n3\nthree\n'],
    [['2a\\\nafter'], 'one\ntwo\nafter\nthree\n'],
    [['1i before'], 'before\none\ntwo\nthree\n'],
    [['2c changed'], 'one\nchanged\nthree\n'],
    [['y/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/'], 'ONE\nTWO\nTHREE\n'],
    [['s/e/E/2'], 'one\ntwo\nthreE\n'],
    [['/two/{s/t/T/;s/o/O/}'], 'one\nTwO\nthree\n'],
    [['$!N;s/\\n/+/'], 'one+two\nthree\n'],
    [[':a;N;$!ba;s/\\n/,/g'], 'one,two,three\n'],
    [['s/o/0/;t;s/$/!/'], '0ne\ntw0\nthree!\n'],
    [['-n', '/two/{s/two/2/;T;p}'], '2\n'],
  ])('%j', async (args, stdout) => {
    expect(await sed(args)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('keeps a missing final newline', async () => {
    expect(await sed(['s/b/B/'], 'a\nb')).toMatchObject({ stdout: 'a\nB' });
  });

  it('-i edits files in place', async () => {
    const fs = new MemoryFs({ files: { '/etc/app.conf': 'port=80\nhost=x\n' } });
    expect(await sed(['-i', 's/port=80/port=8080/', '/etc/app.conf'], '', fs)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.read('/etc/app.conf')).toBe('port=8080\nhost=x\n');
  });

  it('reports bad scripts, missing files and options', async () => {
    expect(await sed(['s/a/b'])).toEqual({ status: 1, stdout: '', stderr: "sed: unmatched '/'\n" });
    expect(await sed(['k'])).toEqual({ status: 1, stdout: '', stderr: 'sed: unsupported command k\n' });
    expect(await sed(['b nowhere'])).toEqual({ status: 1, stdout: '', stderr: "sed: can't find label for jump to 'nowhere'\n" });
    expect(await sed([':a;ba'])).toEqual({ status: 1, stdout: '', stderr: 'sed: stopped after 1000000 jumps (endless loop?)\n' });
    expect(await sed(['p', '/nope'])).toEqual({ status: 1, stdout: '', stderr: 'sed: /nope: No such file or directory\n' });
    expect(await sed([])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^Usage: sed/) });
    expect(await sed(['-z', 'p'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^sed: invalid option -- 'z'/) });
  });
});
