import { describe, expect, it } from 'vitest';
import { FsError } from './fs-error.js';
import { MemoryFs } from './memory-fs.js';
import { baseName, parentPath, resolvePath } from './path.js';
import { Volume } from './volume.js';

function failure(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof FsError ? `${error.code} ${error.message}` : String(error);
  }
}

describe('paths', () => {
  it.each([
    ['/a/b', '/', '/a/b'],
    ['a/b', '/srv', '/srv/a/b'],
    ['//a/./b/', '/', '/a/b'],
    ['../x', '/a/b', '/a/x'],
    ['/../..', '/', '/'],
    ['.', '/tmp', '/tmp'],
  ])('resolvePath(%j, %j) = %j', (path, cwd, expected) => {
    expect(resolvePath(path, cwd)).toBe(expected);
  });

  it.each([
    ['/a/b', '/a', 'b'],
    ['/a', '/', 'a'],
    ['/', '/', '/'],
  ])('parentPath/baseName of %j', (path, parent, base) => {
    expect(parentPath(path)).toBe(parent);
    expect(baseName(path)).toBe(base);
  });
});

describe('MemoryFs', () => {
  it('starts with /tmp and /dev/null, plus what the image ships', () => {
    const fs = new MemoryFs({ files: { '/usr/share/nginx/html/index.html': '<h1>nginx</h1>' }, directories: ['/var/log'] });
    expect(fs.list('/')).toEqual(['dev', 'tmp', 'usr', 'var']);
    expect(fs.read('/usr/share/nginx/html/index.html')).toBe('<h1>nginx</h1>');
    expect(fs.isDir('/var/log')).toBe(true);
    expect(fs.stat('/dev/null')?.kind).toBe('device');
    fs.write('/dev/null', 'gone');
    expect(fs.read('/dev/null')).toBe('');
  });

  it('writes, appends, lists and removes', () => {
    const fs = new MemoryFs();
    fs.write('/tmp/a', 'one\n');
    fs.write('/tmp/a', 'two\n', { append: true });
    fs.mkdir('/tmp/d/e', { parents: true });
    fs.write('/tmp/d/e/f', 'x');
    expect(fs.read('/tmp/a')).toBe('one\ntwo\n');
    expect(fs.list('/tmp')).toEqual(['a', 'd']);
    expect(fs.isFile('/tmp/a') && fs.isDir('/tmp/d') && fs.exists('/tmp/d/e/f')).toBe(true);
    fs.remove('/tmp/d', { recursive: true });
    expect(fs.exists('/tmp/d/e/f')).toBe(false);
    expect(fs.list('/tmp')).toEqual(['a']);
  });

  it.each([
    ['read a missing file', (fs: MemoryFs) => fs.read('/nope'), 'ENOENT No such file or directory'],
    ['read a directory', (fs: MemoryFs) => fs.read('/tmp'), 'EISDIR Is a directory'],
    ['write into a missing directory', (fs: MemoryFs) => fs.write('/a/b', ''), 'ENOENT No such file or directory'],
    ['write below a file', (fs: MemoryFs) => fs.write('/tmp/f/x', ''), 'ENOTDIR Not a directory'],
    ['write over a directory', (fs: MemoryFs) => fs.write('/tmp', ''), 'EISDIR Is a directory'],
    ['mkdir an existing path', (fs: MemoryFs) => fs.mkdir('/tmp'), 'EEXIST File exists'],
    ['mkdir -p over a file', (fs: MemoryFs) => fs.mkdir('/tmp/f', { parents: true }), 'EEXIST File exists'],
    ['mkdir without parents', (fs: MemoryFs) => fs.mkdir('/x/y'), 'ENOENT No such file or directory'],
    ['remove a directory without recursive', (fs: MemoryFs) => fs.remove('/tmp'), 'EISDIR Is a directory'],
    ['remove a missing path', (fs: MemoryFs) => fs.remove('/nope'), 'ENOENT No such file or directory'],
    ['list a file', (fs: MemoryFs) => fs.list('/tmp/f'), 'ENOTDIR Not a directory'],
  ])('%s fails', (_, action, expected) => {
    const fs = new MemoryFs({ files: { '/tmp/f': '' } });
    expect(failure(() => action(fs))).toBe(expected);
  });

  it('is as if its layer was made at once, when it is first used after volumes were mounted', () => {
    const clock = [1000, 2000, 3000];
    const fs = new MemoryFs({ files: { '/etc/passwd': 'root:x:0:0' }, now: () => new Date(clock.shift() ?? 9000) });
    const data = new Volume({ 'a.txt': 'a' });
    fs.mount('/srv/data', data);
    expect(fs.list('/')).toEqual(['dev', 'etc', 'srv', 'tmp']);
    expect(fs.stat('/etc/passwd')?.modified).toEqual(new Date(1000));
    expect(fs.stat('/srv')?.modified).toEqual(new Date(2000));
    expect(fs.read('/srv/data/a.txt')).toBe('a');
    expect(failure(() => new MemoryFs({ files: { '/etc/passwd': 'root:x:0:0' } }).mount('/etc/passwd/x', new Volume()))).toMatch(/^EEXIST/);
  });

  it('stamps writes with the lab clock', () => {
    let now = new Date('2025-03-04T05:06:07Z');
    const fs = new MemoryFs({ now: () => now });
    now = new Date('2025-03-04T06:00:00Z');
    fs.write('/tmp/x', 'abc');
    expect(fs.stat('/tmp/x')).toEqual({ kind: 'file', size: 3, modified: now });
  });
});

describe('volumes', () => {
  it('two containers mounting one volume see each other\'s writes', () => {
    const volume = new Volume();
    const a = new MemoryFs();
    const b = new MemoryFs();
    a.mount('/data', volume);
    b.mount('/shared/data', volume);
    a.write('/data/x', 'hi');
    expect(b.read('/shared/data/x')).toBe('hi');
    b.mkdir('/shared/data/sub');
    expect(a.list('/data')).toEqual(['sub', 'x']);
  });

  it('count the bytes their files hold, as the kubelet\'s volume stats do', () => {
    const volume = new Volume({ 'a.txt': 'hello' });
    const fs = new MemoryFs();
    fs.mount('/cache', volume);
    fs.mkdir('/cache/sub');
    fs.write('/cache/sub/b', 'x'.repeat(1000));
    expect(volume.usedBytes()).toBe(1005);
    fs.remove('/cache/sub', { recursive: true });
    expect(volume.usedBytes()).toBe(5);
  });

  it('outlive the container file system (a restarted container mounts the same volume)', () => {
    const volume = new Volume();
    new MemoryFs().mount('/cache', volume);
    const first = new MemoryFs();
    first.mount('/cache', volume);
    first.write('/cache/state', '1');
    first.write('/tmp/scratch', 'lost');
    const restarted = new MemoryFs();
    restarted.mount('/cache', volume);
    expect(restarted.read('/cache/state')).toBe('1');
    expect(restarted.exists('/tmp/scratch')).toBe(false);
  });

  it('hide what the image had at the mount point, and nest', () => {
    const fs = new MemoryFs({ files: { '/etc/config/default': 'image' } });
    fs.mount('/etc/config', new Volume({ 'app.properties': 'a=1', 'nested/key': 'v' }));
    fs.mount('/etc/config/nested/inner', new Volume({ deep: 'd' }));
    expect(fs.list('/etc/config')).toEqual(['app.properties', 'nested']);
    expect(fs.read('/etc/config/nested/key')).toBe('v');
    expect(fs.read('/etc/config/nested/inner/deep')).toBe('d');
    expect(fs.exists('/etc/config/default')).toBe(false);
  });

  it('can be mounted read-only', () => {
    const fs = new MemoryFs();
    fs.mount('/config', new Volume({ key: 'value' }), { readOnly: true });
    expect(fs.read('/config/key')).toBe('value');
    expect(failure(() => fs.write('/config/key', 'x'))).toBe('EROFS Read-only file system');
    expect(failure(() => fs.remove('/config/key'))).toBe('EROFS Read-only file system');
  });

  it('rm -rf of a mount point empties the volume but keeps the mount', () => {
    const volume = new Volume({ a: '1', 'b/c': '2' });
    const fs = new MemoryFs();
    fs.mount('/data', volume);
    fs.remove('/data', { recursive: true });
    expect(fs.isDir('/data')).toBe(true);
    expect(volume.list('/')).toEqual([]);
  });

  it('show a subPath of the volume, a directory or a single file, at the mount point', () => {
    const volume = new Volume({ 'mysql/ibdata': 'db', 'etc/app.conf': 'a=1' });
    const fs = new MemoryFs({ files: { '/etc/app.conf': 'the image\'s, hidden' } });
    fs.mount('/var/lib/mysql', volume, { subPath: 'mysql' });
    fs.mount('/etc/app.conf', volume, { subPath: '/etc/app.conf', readOnly: true });
    expect(fs.list('/var/lib/mysql')).toEqual(['ibdata']);
    fs.write('/var/lib/mysql/log', 'x');
    expect(volume.readFile('/mysql/log')).toBe('x');
    expect(fs.isFile('/etc/app.conf') && fs.read('/etc/app.conf')).toBe('a=1');
    expect(failure(() => fs.write('/etc/app.conf', 'b'))).toBe('EROFS Read-only file system');
  });
});

describe('volume change notifications', () => {
  const watched = (volume: Volume) => {
    const changes: string[] = [];
    const stop = volume.onChange((path) => changes.push(path));
    return { changes, stop };
  };

  it.each([
    ['a write', (v: Volume) => v.writeFile('/a', 'x', false, new Date(0)), ['/a']],
    ['an append', (v: Volume) => v.writeFile('/d/f', 'more', true, new Date(0)), ['/d/f']],
    ['mkdir -p, each directory made', (v: Volume) => v.makeDirectory('/x/y/z', true, new Date(0)), ['/x', '/x/y', '/x/y/z']],
    ['mkdir -p of an existing directory', (v: Volume) => v.makeDirectory('/d', true, new Date(0)), []],
    ['rm -r, each path removed', (v: Volume) => v.remove('/d', true), ['/d', '/d/f']],
    ['rm -rf of the root, which stays', (v: Volume) => v.remove('/', true), ['/d', '/d/f']],
    ['a device', (v: Volume) => v.makeDevice('/null', new Date(0)), ['/null']],
    ['a write to a device', (v: Volume) => (v.makeDevice('/null', new Date(0)), v.writeFile('/null', 'x', false, new Date(0))), ['/null']],
    ['a write that fails', (v: Volume) => failure(() => v.writeFile('/missing/f', 'x', false, new Date(0))), []],
  ])('tell of %s', (_, change, expected) => {
    const volume = new Volume({ 'd/f': 'one' });
    const { changes } = watched(volume);
    change(volume);
    expect(changes).toEqual(expected);
  });

  it('tell of what containers write through their mounts, until stopped', () => {
    const volume = new Volume();
    const { changes, stop } = watched(volume);
    const fs = new MemoryFs();
    fs.mount('/data', volume, { subPath: 'sub' });
    volume.makeDirectory('/sub', false, new Date(0));
    fs.write('/data/x', 'hi');
    stop();
    fs.write('/data/y', 'unheard');
    expect(changes).toEqual(['/sub', '/sub/x']);
  });
});
