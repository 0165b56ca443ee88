import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';

/** `tar --format=gnu -cf - app` by GNU tar 1.34 (a 60+60+30-character path needs a GNU long name), gzipped. */
const GNU_TAR =
  'H4sIAAAAAAACA+3YQW6DMBQEUHebU/gE2N/G9jYH4BKuoGnUCBB1pOTybQ27EoU0iiBpPG9jZNiN/yDwbSvYzGTkjBnWaLwO15Q7bUgq2++T1FoxbtgC9p/Bd5yzrmnC1HOX7v9TPub/uq2z0odZ87d5fj5/0qP8yVjLuET+83v5/uLxAPjuyCA9/fyXNxB/nP+r+l/l5Aj9v4RMZGJdNPWm2NYfd+p/cu7XWYj9b0kyXiD/x5//6gaCQQL5X93/WlM//+j/NPo/vu5P+l+i/xPo/7dJWTgENPRz9P/k9780J/0ft/D9v4CyqtoVxiDp+X+vdrtmxrK9PP929P9PkVOY/yUM2aMAAAAAAAAAAJ7aDxuJud8AKAAA';
/** A PAX archive (what Go's archive/tar, hence kubectl cp, writes for long or non-ASCII names), by Python's tarfile, gzipped. */
const PAX_TAR =
  'H4sIAAAAAAACA+3WPQ6CMBjG8c6eghPAy1dxMTo6eoVGMZo4oGLSA7lwDi5mkcTFMDhQjfx/HUq6dHj75CGMwmi1MXZdml15UaOQ3tAuSRK/vp/nsSSxqMAqD27X2lzc9Wqa4iwPKlMfFjaqviQ6u7U/nsqwtvVMwScfY+9CrbNsMP8iuXuHRZq73OvuPE21aBUI+R9d1d4tmZuu8Af63/0AvPW/FPS/l/6f9/W/Nfu2oYAnx8192Y19zDs+7n8pUk3/+5p/2xADAAAAAAAAAACAv/EAyPR7MQAoAAA=';

const bytes = (base64gz: string) => gunzipSync(Buffer.from(base64gz, 'base64')).toString('latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('tar', () => {
  it('kubectl cp out and back in: `tar cf - PATH` then `tar -xmf - -C DIR` carry 100 KB of binary byte for byte', async () => {
    const payload = randomBytes(100 * 1024).toString('latin1');
    const source = new MemoryFs({ files: { '/data/sub/note.txt': 'note\n' } });
    source.write('/data/blob.bin', payload);
    const out = await runUtility(['tar', 'cf', '-', '/data'], { fs: source });
    expect(out.status).toBe(0);
    expect(out.stderr).toBe("tar: removing leading '/' from member names\n");
    expect(out.stdout.length % 512).toBe(0);
    const target = new MemoryFs({ directories: ['/restore'] });
    const back = await runUtility(['tar', '-xmf', '-', '-C', '/restore'], { fs: target, input: out.stdout });
    expect(back).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(target.read('/restore/data/blob.bin') === payload).toBe(true);
    expect(target.read('/restore/data/sub/note.txt')).toBe('note\n');
  });

  it('writes ustar headers GNU tar and Go read: magic, octal fields, checksum, end blocks', async () => {
    const fs = new MemoryFs({ files: { '/w/a.txt': 'abc' } });
    const { stdout } = await runUtility(['tar', '-cf', '-', 'a.txt'], { fs, cwd: '/w' });
    expect(stdout.slice(0, 5)).toBe('a.txt');
    expect(stdout.slice(100, 108)).toBe('0000644\0');
    expect(stdout.slice(124, 136)).toBe('00000000003\0');
    expect(stdout.slice(156, 157)).toBe('0');
    expect(stdout.slice(257, 265)).toBe('ustar\x0000');
    const sum = [...stdout.slice(0, 512)].reduce((total, char, index) => total + (index >= 148 && index < 156 ? 32 : char.charCodeAt(0)), 0);
    expect(stdout.slice(148, 156)).toBe(`${sum.toString(8).padStart(6, '0')}\0 `);
    expect(stdout.slice(512, 515)).toBe('abc');
    expect(stdout.length).toBe(512 * 4);
    expect(stdout.slice(1024)).toBe('\0'.repeat(1024));
  });

  it('extracts and lists a GNU tar archive with long names', async () => {
    const fs = new MemoryFs();
    const deep = `app/${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(30)}.txt`;
    expect(await runUtility(['tar', 'xf', '-', '-C', '/tmp'], { fs, input: bytes(GNU_TAR) })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect([fs.read('/tmp/app/hello.txt'), fs.read('/tmp/app/bin.dat'), fs.read(`/tmp/${deep}`)]).toEqual(['hello\n', '\x00\x01\xff\xfe binary', 'deep\n']);
    const listing = await runUtility(['tar', 'tf', '-'], { input: bytes(GNU_TAR) });
    expect(listing.stdout.split('\n')).toContain(deep);
    expect((await runUtility(['tar', 'tvf', '-'], { input: bytes(GNU_TAR) })).stdout.split('\n')[1]).toBe('-rw-r--r-- root/root        11 2025-01-01 00:00:00 app/bin.dat');
  });

  it('extracts a PAX archive (long and UTF-8 names)', async () => {
    const fs = new MemoryFs();
    expect(await runUtility(['tar', '-x', '-f', '-', '-C', '/tmp'], { fs, input: bytes(PAX_TAR) })).toMatchObject({ status: 0 });
    expect(fs.read(`/tmp/x/${'p'.repeat(120)}/q/q/file.txt`)).toBe(utf8('päx\n'));
    expect(fs.read(`/tmp/${utf8('café.txt')}`)).toBe(utf8('café'));
  });

  it('round-trips long names, -z, -C, -v, -O, member selection and --strip-components', async () => {
    const long = `${'a'.repeat(80)}/${'b'.repeat(80)}/${'c'.repeat(120)}`;
    const fs = new MemoryFs({ files: { [`/src/${long}`]: 'long\n', '/src/top.txt': 'top\n' } });
    const created = await runUtility(['tar', '-czvf', '/tmp/out.tgz', '-C', '/src', '.'], { fs });
    expect(created).toMatchObject({ status: 0, stderr: '' });
    expect(created.stdout.split('\n')).toContain(`./${long}`);
    expect(fs.read('/tmp/out.tgz').slice(0, 2)).toBe('\x1f\x8b');
    expect(await runUtility(['tar', '-xzf', '/tmp/out.tgz', '-C', '/tmp'], { fs })).toMatchObject({ status: 0, stderr: '' });
    expect(fs.read(`/tmp/${long}`)).toBe('long\n');
    expect(await runUtility(['tar', '-xOf', '/tmp/out.tgz', './top.txt'], { fs })).toEqual({ status: 0, stdout: 'top\n', stderr: '' });
    expect(await runUtility(['tar', 'xf', '/tmp/out.tgz', '--strip-components=1', '-C', '/srv'], { fs: withDirectory(fs, '/srv') })).toMatchObject({ status: 0 });
    expect(fs.read('/srv/top.txt')).toBe('top\n');
  });

  it('reports bad archives, missing files and modes', async () => {
    expect(await runUtility(['tar', 'xf', '-'], { input: 'x'.repeat(1024) })).toEqual({ status: 1, stdout: '', stderr: 'tar: invalid tar header checksum\n' });
    expect(await runUtility(['tar', 'xf', '-'], { input: '' })).toEqual({ status: 1, stdout: '', stderr: 'tar: short read\n' });
    expect(await runUtility(['tar', 'xf', '/nope.tar'])).toEqual({ status: 1, stdout: '', stderr: "tar: can't open '/nope.tar': No such file or directory\n" });
    expect(await runUtility(['tar', 'tf', '-', 'missing'], { input: bytes(GNU_TAR) })).toEqual({ status: 1, stdout: '', stderr: 'tar: missing: not found in archive\n' });
    const created = await runUtility(['tar', 'cf', '-', '/nope', '/tmp']);
    expect(created.status).toBe(1);
    expect(created.stderr).toBe("tar: /nope: No such file or directory\ntar: removing leading '/' from member names\ntar: error exit delayed from previous errors\n");
    expect(await runUtility(['tar', '-f', 'x'])).toEqual({ status: 1, stdout: '', stderr: 'tar: need one of c, x or t\n' });
    expect(await runUtility(['tar', '-cQ'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^tar: invalid option -- 'Q'\nUsage: tar /) });
  });
});

function withDirectory(fs: MemoryFs, path: string): MemoryFs {
  fs.mkdir(path, { parents: true });
  return fs;
}

describe('gzip, gunzip, zcat', () => {
  const payload = randomBytes(4096).toString('latin1');

  it('compresses stdin to the gzip format and back', async () => {
    const compressed = await runUtility(['gzip'], { input: payload });
    expect(compressed.status).toBe(0);
    expect(gunzipSync(Buffer.from(compressed.stdout, 'latin1')).toString('latin1') === payload).toBe(true);
    expect((await runUtility(['gunzip'], { input: compressed.stdout })).stdout === payload).toBe(true);
    expect((await runUtility(['zcat'], { input: gzipSync(Buffer.from('hi\n')).toString('latin1') })).stdout).toBe('hi\n');
  });

  it('replaces FILE by FILE.gz and back; -k keeps it, -c writes stdout', async () => {
    const fs = new MemoryFs({ directories: ['/logs'] });
    fs.write('/logs/app.log', payload);
    expect(await runUtility(['gzip', '/logs/app.log'], { fs })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect([fs.exists('/logs/app.log'), fs.exists('/logs/app.log.gz')]).toEqual([false, true]);
    expect((await runUtility(['zcat', '/logs/app.log.gz'], { fs })).stdout === payload).toBe(true);
    expect(await runUtility(['gunzip', '-k', '/logs/app.log.gz'], { fs })).toMatchObject({ status: 0 });
    expect([fs.read('/logs/app.log') === payload, fs.exists('/logs/app.log.gz')]).toEqual([true, true]);
    expect(await runUtility(['gzip', '-d', '-c', '/logs/app.log.gz'], { fs })).toMatchObject({ status: 0 });
  });

  it('reports data that is not gzip, a missing file, an existing target and an unknown suffix', async () => {
    const fs = new MemoryFs({ files: { '/a': 'x', '/a.gz': 'y', '/plain': 'z' } });
    expect(await runUtility(['gunzip'], { input: 'plain text' })).toEqual({ status: 1, stdout: '', stderr: 'gunzip: invalid magic\n' });
    expect(await runUtility(['gzip', '/nope'], { fs })).toEqual({ status: 1, stdout: '', stderr: "gzip: can't open '/nope': No such file or directory\n" });
    expect(await runUtility(['gzip', '/a'], { fs })).toEqual({ status: 1, stdout: '', stderr: "gzip: can't open '/a.gz': File exists\n" });
    expect(await runUtility(['gunzip', '/plain'], { fs })).toEqual({ status: 1, stdout: '', stderr: 'gunzip: /plain: unknown suffix - ignored\n' });
  });
});
