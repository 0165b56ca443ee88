import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8, fromUint8Array, toUint8Array } from '../io/byte-string.js';
import { runProcess } from '../process/launch.js';
import { startProcess } from '../session/start-process.js';
import { virtualHost } from '../testing/virtual-host.js';

/** A debug pod's file system: its own image, and the node's disk mounted at /host. */
const debugPod = () => new MemoryFs({ files: { '/etc/os-release': 'ID=ubuntu\n', '/secret': 'pod\n', '/host/etc/machine-id': '0123abcd\n', '/host/etc/os-release': 'ID=debian\n', '/host/var/log/syslog': 'booted\n' } });

async function sh(script: string, fs = debugPod()) {
  const lab = virtualHost({ fs });
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs };
}

describe('chroot', () => {
  it.each([
    ['chroot /host cat /etc/machine-id /etc/os-release', 0, '0123abcd\nID=debian\n', ''],
    ['chroot /host ls /', 0, 'etc\nvar\n', ''],
    ['cd /tmp; chroot /host/ sh -c "pwd; cat var/log/syslog"', 0, '/\nbooted\n', ''],
    ['chroot /host cat /../../secret', 1, '', 'cat: can\'t open \'/../../secret\': No such file or directory\n'],
    ['chroot /nope true', 125, '', "chroot: cannot change root directory to '/nope': No such file or directory\n"],
    ['chroot /secret true', 125, '', "chroot: cannot change root directory to '/secret': Not a directory\n"],
    ['chroot /host nosuch', 127, '', "chroot: failed to run command 'nosuch': No such file or directory\n"],
    ['chroot', 1, '', 'Usage: chroot NEWROOT [PROG ARGS]\n'],
  ])('%s → %i', async (script, status, stdout, stderr) => {
    expect(await sh(script)).toMatchObject({ status, stdout, stderr });
  });

  it('writes land on the directory it was given', async () => {
    const { status, fs } = await sh('chroot /host sh -c "echo hi > /tmp-note"');
    expect(status).toBe(0);
    expect(decodeUtf8(fs.read(encodeUtf8('/host/tmp-note')))).toBe('hi\n');
    expect(fs.exists(encodeUtf8('/tmp-note'))).toBe(false);
  });

  it('starts an interactive shell on the new root, reading the session\'s input (kubectl debug node/… -it, then chroot /host)', async () => {
    const lab = virtualHost({ fs: debugPod() });
    let out = '';
    const session = startProcess(['sh'], lab.host, { stdin: true }, { stdout: (bytes) => (out += fromUint8Array(bytes)), stderr: () => undefined });
    session.write(toUint8Array(encodeUtf8('chroot /host\ncat /etc/machine-id\nexit\ncat /etc/os-release\nexit\n')));
    session.closeStdin();
    expect(await session.exit).toBe(0);
    expect(decodeUtf8(out)).toContain('0123abcd\n');
    expect(decodeUtf8(out)).toContain('ID=ubuntu\n');
  });
});
