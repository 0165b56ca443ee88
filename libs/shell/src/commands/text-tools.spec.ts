import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

const run = (argv: string[], input = '', fs?: MemoryFs) => runUtility(argv, { input, fs });
const NUMBERS = Array.from({ length: 15 }, (_, i) => `${i + 1}\n`).join('');

describe('head and tail', () => {
  it.each([
    [['head'], NUMBERS.split('\n').slice(0, 10).join('\n') + '\n'],
    [['head', '-n', '2'], '1\n2\n'],
    [['head', '-3'], '1\n2\n3\n'],
    [['head', '-c', '4'], '1\n2\n'],
    [['head', '-n', '-13'], '1\n2\n'],
    [['tail', '-n', '2'], '14\n15\n'],
    [['tail', '-2'], '14\n15\n'],
    [['tail', '-n', '+14'], '14\n15\n'],
    [['tail', '-c', '3'], '15\n'],
  ])('%j', async (argv, stdout) => {
    expect(await run(argv, NUMBERS)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('print headers for several files', async () => {
    const fs = new MemoryFs({ files: { '/a': 'A\n', '/b': 'B\n' } });
    expect(await run(['head', '-n', '1', '/a', '/b'], '', fs)).toMatchObject({ stdout: '==> /a <==\nA\n\n==> /b <==\nB\n' });
  });

  it('report bad counts, missing files and options', async () => {
    expect(await run(['head', '-n', 'x'])).toEqual({ status: 1, stdout: '', stderr: "head: invalid number 'x'\n" });
    expect(await run(['head', '/nope'])).toEqual({ status: 1, stdout: '', stderr: 'head: /nope: No such file or directory\n' });
    expect(await run(['tail', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "tail: can't open '/nope': No such file or directory\n" });
    expect(await run(['tail', '-z'])).toMatchObject({ status: 1, stderr: "tail: invalid option -- 'z'\nUsage: tail [OPTIONS] [FILE]...\n" });
  });
});

describe('cut', () => {
  it.each([
    [['cut', '-d', ':', '-f', '1,3'], 'a:b:c\nd:e:f\n', 'a:c\nd:f\n'],
    [['cut', '-d:', '-f2-'], 'a:b:c\n', 'b:c\n'],
    [['cut', '-c', '2-3'], 'abcd\n', 'bc\n'],
    [['cut', '-f', '2'], 'a\tb\nno tab\n', 'b\nno tab\n'],
    [['cut', '-s', '-f', '2'], 'a\tb\nno tab\n', 'b\n'],
  ])('%j', async (argv, input, stdout) => {
    expect(await run(argv, input)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('needs exactly one list', async () => {
    expect(await run(['cut', 'x'])).toEqual({ status: 1, stdout: '', stderr: 'cut: expected a list of bytes, characters, or fields\n' });
    expect(await run(['cut', '-f', '0'])).toEqual({ status: 1, stdout: '', stderr: 'cut: fields and positions are numbered from 1\n' });
  });
});

describe('tr', () => {
  it.each([
    [['tr', 'a-z', 'A-Z'], 'hello\n', 'HELLO\n'],
    [['tr', '[:lower:]', '[:upper:]'], 'hi\n', 'HI\n'],
    [['tr', '-d', '0-9'], 'a1b2\n', 'ab\n'],
    [['tr', '-s', ' '], 'a   b  c\n', 'a b c\n'],
    [['tr', '-cd', 'a-z\\n'], 'a-b_c\n', 'abc\n'],
    [['tr', 'abc', 'x'], 'aabbcc', 'xxxxxx'],
    [['tr', '\\n', ' '], 'a\nb\n', 'a b '],
  ])('%j', async (argv, input, stdout) => {
    expect(await run(argv, input)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('needs its sets', async () => {
    expect(await run(['tr', 'a'])).toEqual({ status: 1, stdout: '', stderr: 'Usage: tr [-cds] STRING1 [STRING2]\n' });
  });
});

describe('tee', () => {
  it('copies input to stdout and files, -a appends', async () => {
    const fs = new MemoryFs({ files: { '/log': 'old\n' } });
    expect(await run(['tee', '/out', '/tmp/copy'], 'data\n', fs)).toEqual({ status: 0, stdout: 'data\n', stderr: '' });
    expect(await run(['tee', '-a', '/log'], 'new\n', fs)).toMatchObject({ status: 0 });
    expect([fs.read('/out'), fs.read('/tmp/copy'), fs.read('/log')]).toEqual(['data\n', 'data\n', 'old\nnew\n']);
  });

  it('writes /dev/stderr to standard error', async () => {
    expect(await run(['tee', '/dev/stderr'], 'data\n')).toEqual({ status: 0, stdout: 'data\n', stderr: 'data\n' });
  });

  it('reports a file it cannot write and still copies to stdout', async () => {
    expect(await run(['tee', '/no/dir/x'], 'data\n')).toEqual({ status: 1, stdout: 'data\n', stderr: 'tee: /no/dir/x: No such file or directory\n' });
  });
});

describe('basename and dirname', () => {
  it.each([
    [['basename', '/usr/lib/libc.so'], 'libc.so\n'],
    [['basename', '/usr/lib/'], 'lib\n'],
    [['basename', 'file.txt', '.txt'], 'file\n'],
    [['basename', '-s', '.c', 'a.c', 'b.c'], 'a\nb\n'],
    [['basename', '/'], '/\n'],
    [['dirname', '/usr/lib/libc.so'], '/usr/lib\n'],
    [['dirname', 'file'], '.\n'],
    [['dirname', '/file'], '/\n'],
    [['dirname', '/a/b/'], '/a\n'],
  ])('%j', async (argv, stdout) => {
    expect(await run(argv)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('need an operand', async () => {
    expect(await run(['basename'])).toMatchObject({ status: 1, stderr: 'Usage: basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...\n' });
    expect(await run(['dirname'])).toMatchObject({ status: 1, stderr: 'Usage: dirname FILENAME\n' });
  });
});

describe('yes and head in a pipeline', () => {
  const sh = async (script: string) => {
    const lab = virtualHost();
    const status = await runProcess(['sh', '-c', script], lab.host);
    return { status, stdout: lab.stdout(), stderr: lab.stderr() };
  };

  it('yes runs until its reader stops; head reads only what it prints', async () => {
    expect(await sh('yes | head -n 3; echo "status=$?"')).toEqual({ status: 0, stdout: 'y\ny\ny\nstatus=0\n', stderr: '' });
    expect(await sh('yes ok go | head -2')).toMatchObject({ stdout: 'ok go\nok go\n' });
    expect(await sh('yes | head -c 5')).toMatchObject({ stdout: 'y\ny\ny' });
  });

  it('a killed yes ends with the container', async () => {
    const lab = virtualHost();
    const exit = runProcess(['sh', '-c', 'yes > /dev/null'], lab.host);
    await lab.settle();
    lab.kill('SIGTERM');
    expect(await exit).toBe(143);
  });
});

describe('expr', () => {
  it.each([
    [['1', '+', '2'], '3\n', 0],
    [['7', '/', '2'], '3\n', 0],
    [['2', '*', '(', '3', '+', '4', ')'], '14\n', 0],
    [['5', '-', '5'], '0\n', 1],
    [['3', '>', '2'], '1\n', 0],
    [['abc', '=', 'abd'], '0\n', 1],
    [['length', 'hello'], '5\n', 0],
    [['substr', 'hello', '2', '3'], 'ell\n', 0],
    [['index', 'hello', 'l'], '3\n', 0],
    [['abc123', ':', '[a-z]*'], '3\n', 0],
    [['v1.2', ':', 'v\\(.*\\)'], '1.2\n', 0],
    [['', '|', '0'], '0\n', 1],
  ])('%j', async (args, stdout, status) => {
    expect(await run(['expr', ...args])).toEqual({ status, stdout, stderr: '' });
  });

  it('reports bad expressions with status 2', async () => {
    expect(await run(['expr', '1', '/', '0'])).toEqual({ status: 2, stdout: '', stderr: 'expr: division by zero\n' });
    expect(await run(['expr', 'a', '+', '1'])).toEqual({ status: 2, stdout: '', stderr: 'expr: non-numeric argument\n' });
    expect(await run(['expr', '1', '+'])).toEqual({ status: 2, stdout: '', stderr: 'expr: syntax error\n' });
  });
});
