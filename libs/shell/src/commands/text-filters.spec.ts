import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';

const run = (argv: string[], input = '', fs?: MemoryFs) => runUtility(argv, { input, fs });

describe('rev', () => {
  it('reverses each line, keeping UTF-8 characters whole', async () => {
    const input = Buffer.from('abc\nhé!\n', 'utf8').toString('latin1');
    expect(await run(['rev'], input)).toEqual({ status: 0, stdout: Buffer.from('cba\n!éh\n', 'utf8').toString('latin1'), stderr: '' });
  });

  it('reports a missing file and goes on', async () => {
    const fs = new MemoryFs({ files: { '/a': 'xy' } });
    expect(await run(['rev', '/nope', '/a'], '', fs)).toEqual({ status: 1, stdout: 'yx', stderr: 'rev: /nope: No such file or directory\n' });
  });
});

describe('sort', () => {
  it.each([
    [['sort'], 'b\na\nC\n', 'C\na\nb\n'],
    [['sort', '-r'], 'b\na\nc\n', 'c\nb\na\n'],
    [['sort', '-n'], '10\n9\n-1\n', '-1\n9\n10\n'],
    [['sort', '-u'], 'b\na\nb\n', 'a\nb\n'],
    [['sort', '-t', ':', '-k', '2n'], 'x:10\ny:9\n', 'y:9\nx:10\n'],
    [['sort', '-k2'], 'a z\nb y\n', 'b y\na z\n'],
    [['sort', '-nrk', '2'], 'a 1\nb 3\nc 2\n', 'b 3\nc 2\na 1\n'],
    [['sort', '-f'], 'b\nA\na\n', 'A\na\nb\n'],
    [['sort', '-h'], '2.0M\t/a\n512\t/b\n4.0K\t/c\n1.1G\t/d\n', '512\t/b\n4.0K\t/c\n2.0M\t/a\n1.1G\t/d\n'],
    [['sort', '-rh'], '12K\n3M\n900\n', '3M\n12K\n900\n'],
  ])('%j', async (argv, input, stdout) => {
    expect(await run(argv, input)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('dies with status 2 on a missing file and rejects an unknown option', async () => {
    expect(await run(['sort', '/nope'])).toEqual({ status: 2, stdout: '', stderr: "sort: can't open '/nope': No such file or directory\n" });
    expect(await run(['sort', '-Q'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^sort: invalid option -- 'Q'\nUsage: sort /) });
  });
});

describe('uniq', () => {
  it.each([
    [['uniq'], 'a\na\nb\na\n', 'a\nb\na\n'],
    [['uniq', '-c'], 'a\na\nb\n', '      2 a\n      1 b\n'],
    [['uniq', '-d'], 'a\na\nb\n', 'a\n'],
    [['uniq', '-u'], 'a\na\nb\n', 'b\n'],
  ])('%j', async (argv, input, stdout) => {
    expect(await run(argv, input)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('reports a missing input file', async () => {
    expect(await run(['uniq', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "uniq: can't open '/nope': No such file or directory\n" });
  });
});

describe('wc', () => {
  it('prints lines, words and bytes as busybox pads them', async () => {
    expect(await run(['wc'], 'hello world\nbye\n')).toEqual({ status: 0, stdout: '        2         3        16\n', stderr: '' });
  });

  it.each([
    [['wc', '-l'], 'a\nb\n', '2\n'],
    [['wc', '-c'], '\xc3\xa9\n', '3\n'],
    [['wc', '-m'], '\xc3\xa9\n', '2\n'],
    [['wc', '-w'], ' a  b\tc ', '3\n'],
    [['wc', '-L'], 'ab\nabcd\n', '4\n'],
    [['wc', '--lines'], 'a\nb\n', '2\n'],
  ])('%j', async (argv, input, stdout) => {
    expect(await run(argv, input)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('counts several files with a total and reports a missing one', async () => {
    const fs = new MemoryFs({ files: { '/a': 'x\n', '/b': 'y\nz\n' } });
    expect(await run(['wc', '-l', '/a', '/nope', '/b'], '', fs)).toEqual({
      status: 1,
      stdout: '        1 /a\n        2 /b\n        3 total\n',
      stderr: 'wc: /nope: No such file or directory\n',
    });
  });
});
