import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';
import { virtualHost } from '../testing/virtual-host.js';

const tree = () =>
  new MemoryFs({
    files: { '/app/main.go': 'package main\n', '/app/README.md': '# app\n', '/app/lib/util.go': 'package lib\n', '/app/lib/empty.txt': '' },
    directories: ['/app/tmp'],
  });
const run = (argv: string[], fs = tree()) => runUtility(argv, { fs });

describe('find', () => {
  it.each([
    [['find', '/app'], '/app\n/app/README.md\n/app/lib\n/app/lib/empty.txt\n/app/lib/util.go\n/app/main.go\n/app/tmp\n'],
    [['find', '/app', '-name', '*.go'], '/app/lib/util.go\n/app/main.go\n'],
    [['find', '/app', '-type', 'd'], '/app\n/app/lib\n/app/tmp\n'],
    [['find', '/app', '-maxdepth', '1', '-type', 'f'], '/app/README.md\n/app/main.go\n'],
    [['find', '/app', '-iname', 'readme*', '-o', '-name', 'util*'], '/app/README.md\n/app/lib/util.go\n'],
    [['find', '/app', '-type', 'f', '!', '-name', '*.go'], '/app/README.md\n/app/lib/empty.txt\n'],
    [['find', '/app', '-empty'], '/app/lib/empty.txt\n/app/tmp\n'],
    [['find', '/app/lib', '-name', '*.go', '-exec', 'echo', 'found', '{}', ';'], 'found /app/lib/util.go\n'],
    [['find', '/app', '-name', '*.go', '-exec', 'echo', 'all:', '{}', '+'], 'all: /app/lib/util.go /app/main.go\n'],
  ])('%j', async (argv, stdout) => {
    expect(await run(argv)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('-mmin and -mtime compare ages on the lab clock', async () => {
    const lab = virtualHost();
    lab.fs.write('/tmp/old.log', 'old');
    await lab.advance(3 * 86_400);
    lab.fs.write('/tmp/new.log', 'new');
    await lab.advance(120);
    expect(await runUtility(['find', '/tmp', '-name', '*.log', '-mtime', '+2'], { lab })).toMatchObject({ stdout: '/tmp/old.log\n' });
    expect(await runUtility(['find', '/tmp', '-type', 'f', '-mmin', '-5'], { lab })).toMatchObject({ stdout: '/tmp/new.log\n' });
    expect(await runUtility(['find', '/tmp', '-mtime', 'x'], { lab })).toEqual({ status: 1, stdout: '', stderr: "find: invalid argument 'x' to '-mtime'\n" });
  });

  it('names relative to the starting point', async () => {
    expect(await runUtility(['find', '.', '-name', '*.md'], { fs: tree(), cwd: '/app' })).toMatchObject({ stdout: './README.md\n' });
  });

  it('reports a missing path and a bad expression', async () => {
    expect(await run(['find', '/nope'])).toEqual({ status: 1, stdout: '', stderr: 'find: /nope: No such file or directory\n' });
    expect(await run(['find', '/app', '-bogus'])).toEqual({ status: 1, stdout: '', stderr: 'find: unrecognized: -bogus\n' });
    expect(await run(['find', '/app', '-type', 'q'])).toEqual({ status: 1, stdout: '', stderr: "find: bad arg 'q' to -type\n" });
    expect(await run(['find', '/app', '-exec', 'echo'])).toEqual({ status: 1, stdout: '', stderr: "find: -exec CMD must end by ';' or '+'\n" });
  });
});

describe('cp, mv, ln', () => {
  it('cp copies a file, into a directory, and a tree with -r', async () => {
    const fs = tree();
    expect(await run(['cp', '/app/main.go', '/tmp/copy.go'], fs)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await run(['cp', '/app/main.go', '/app/README.md', '/tmp'], fs)).toMatchObject({ status: 0 });
    expect(await run(['cp', '-r', '/app/lib', '/srv'], fs)).toMatchObject({ status: 0 });
    expect([fs.read('/tmp/copy.go'), fs.read('/tmp/README.md'), fs.read('/srv/util.go')]).toEqual(['package main\n', '# app\n', 'package lib\n']);
  });

  it('cp refuses directories without -r and reports missing sources', async () => {
    expect(await run(['cp', '/app/lib', '/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: omitting directory '/app/lib'\n" });
    expect(await run(['cp', '/nope', '/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: can't stat '/nope': No such file or directory\n" });
    expect(await run(['cp', '/app/main.go'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^Usage: cp /) });
  });

  it('mv renames files and directories', async () => {
    const fs = tree();
    expect(await run(['mv', '/app/lib', '/app/pkg'], fs)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await run(['mv', '/app/main.go', '/app/pkg'], fs)).toMatchObject({ status: 0 });
    expect([fs.exists('/app/lib'), fs.read('/app/pkg/util.go'), fs.read('/app/pkg/main.go'), fs.exists('/app/main.go')]).toEqual([false, 'package lib\n', 'package main\n', false]);
  });

  it('mv reports a missing source and a move into itself', async () => {
    expect(await run(['mv', '/nope', '/x'])).toEqual({ status: 1, stdout: '', stderr: "mv: can't stat '/nope': No such file or directory\n" });
    expect(await run(['mv', '/app', '/app/lib'])).toEqual({ status: 1, stdout: '', stderr: "mv: can't move '/app' to a subdirectory of itself\n" });
  });

  it('ln -s makes the link read as its target; an existing link needs -f', async () => {
    const fs = tree();
    expect(await run(['ln', '-s', '/app/main.go', '/usr-main.go'], fs)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.read('/usr-main.go')).toBe('package main\n');
    expect(await run(['ln', '-s', '/app/README.md', '/usr-main.go'], fs)).toEqual({ status: 1, stdout: '', stderr: 'ln: /usr-main.go: File exists\n' });
    expect(await run(['ln', '-sf', '/app/README.md', '/usr-main.go'], fs)).toMatchObject({ status: 0 });
    expect(fs.read('/usr-main.go')).toBe('# app\n');
    expect(await run(['ln', '/app/nope', '/x'], fs)).toEqual({ status: 1, stdout: '', stderr: 'ln: /app/nope: No such file or directory\n' });
  });
});

describe('chmod', () => {
  it.each([['755'], ['+x'], ['u=rwx,g=rx,o='], ['-x'], ['0644']])('accepts mode %s', async (mode) => {
    expect(await run(['chmod', mode, '/app/main.go'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('rejects a bad mode and a missing file', async () => {
    expect(await run(['chmod', '999', '/app/main.go'])).toEqual({ status: 1, stdout: '', stderr: "chmod: invalid mode '999'\n" });
    expect(await run(['chmod', '644', '/nope'])).toEqual({ status: 1, stdout: '', stderr: 'chmod: /nope: No such file or directory\n' });
    expect(await run(['chmod', '644'])).toMatchObject({ status: 1, stderr: 'Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n' });
  });
});

describe('stat', () => {
  it('prints the busybox layout and -c formats', async () => {
    const { stdout, status } = await run(['stat', '/app/main.go']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}File: '\/app\/main.go'\n {2}Size: 13 {8}\tBlocks: 8 {10}IO Block: 4096 {3}regular file\n/);
    expect(stdout).toContain('Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n');
    expect(await run(['stat', '-c', '%n %s %F %a %U', '/app/main.go', '/app/lib'])).toMatchObject({ stdout: '/app/main.go 13 regular file 644 root\n/app/lib 4096 directory 755 root\n' });
  });

  it('reports a missing file', async () => {
    expect(await run(['stat', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "stat: can't stat '/nope': No such file or directory\n" });
  });
});

describe('du and df', () => {
  it('du lists directories children first, -s summarises, -h is human readable', async () => {
    expect(await run(['du', '/app'])).toMatchObject({ status: 0, stdout: '8\t/app/lib\n4\t/app/tmp\n24\t/app\n' });
    expect(await run(['du', '-sh', '/app'])).toMatchObject({ stdout: '24.0K\t/app\n' });
    expect(await run(['du', '-a', '/app/lib'])).toMatchObject({ stdout: '0\t/app/lib/empty.txt\n4\t/app/lib/util.go\n8\t/app/lib\n' });
  });

  it('du reports a missing path', async () => {
    expect(await run(['du', '/nope'])).toEqual({ status: 1, stdout: '', stderr: 'du: /nope: No such file or directory\n' });
  });

  it('df prints the overlay root with a header, -h in human units', async () => {
    const { stdout } = await run(['df']);
    expect(stdout.split('\n')[0]).toBe('Filesystem           1K-blocks      Used Available Use% Mounted on');
    expect(stdout).toMatch(/\noverlay +61255492 +\d+ +\d+ +\d+% \/\n/);
    expect((await run(['df', '-h', '/'])).stdout).toMatch(/^Filesystem +Size +Used Available Use% Mounted on\noverlay +58\.4G +9\.4G +\d+\.\dG +\d+% \/\n$/);
  });

  it('df reports an unknown path', async () => {
    expect(await run(['df', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "df: /nope: can't find mount point\n" });
  });
});
