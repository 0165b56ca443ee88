import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8, fromUint8Array, toUint8Array } from '../io/byte-string.js';
import { programExists } from '../process/program-exists.js';
import { virtualHost, type VirtualHost } from '../testing/virtual-host.js';
import { startProcess, type SessionOptions } from './start-process.js';

const TTY: SessionOptions = { stdin: true, tty: { cols: 80, rows: 24 } };

function start(argv: string[], options: SessionOptions = { stdin: true }, lab: VirtualHost = virtualHost({ env: { HOME: '/root', HOSTNAME: 'web-0' } })) {
  let out = '';
  let err = '';
  const session = startProcess(argv, lab.host, options, { stdout: (bytes) => (out += fromUint8Array(bytes)), stderr: (bytes) => (err += fromUint8Array(bytes)) });
  let status: number | undefined;
  void session.exit.then((value) => (status = value));
  return {
    session,
    lab,
    /** Everything shown so far, as text. */
    stdout: () => decodeUtf8(out),
    stdoutBytes: () => out,
    stderr: () => decodeUtf8(err),
    status: () => status,
    /** Types text (UTF-8) and lets the process run until it waits again. */
    type: async (text: string) => {
      session.write(toUint8Array(encodeUtf8(text)));
      await lab.settle();
    },
  };
}

describe('startProcess without a TTY', () => {
  it('carries the exit status of `sh -c`', async () => {
    const run = start(['sh', '-c', 'echo out; echo err >&2; exit 3'], { stdin: false });
    expect(await run.session.exit).toBe(3);
    expect(run.stdout()).toBe('out\n');
    expect(run.stderr()).toBe('err\n');
  });

  it('runs an exec\'d applet as the image\'s BusyBox release prints it (kubectl exec busybox -- nslookup on busybox 1.28)', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/etc/resolv.conf': 'nameserver 10.96.0.10\n' } }) });
    lab.dns.set('kubernetes.default', '10.96.0.1');
    let out = '';
    const session = startProcess(['nslookup', 'kubernetes.default'], { ...lab.host, busyboxVersion: '1.28.4' }, { stdin: false }, { stdout: (bytes) => (out += fromUint8Array(bytes)), stderr: () => undefined });
    expect(await session.exit).toBe(0);
    expect(out).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1\n');
  });

  it('an endless writer waits while its reader has no room, instead of piling output up', async () => {
    const lab = virtualHost();
    let room: () => void = () => undefined;
    let full = true;
    const host = { ...lab.host, outputRoom: () => (full ? new Promise<void>((resolve) => (room = resolve)) : Promise.resolve()) };
    let written = 0;
    const session = startProcess(['yes'], host, { stdin: false }, { stdout: (bytes) => (written += bytes.length), stderr: () => undefined });
    await lab.settle();
    const held = written;
    expect(held).toBeGreaterThan(0);
    await lab.settle();
    expect(written).toBe(held);
    full = false;
    room();
    await lab.settle();
    expect(written).toBeGreaterThan(held);
    session.kill('SIGTERM');
    expect(await session.exit).toBe(143);
  });

  it('answers a missing program with 127', async () => {
    const run = start(['nope'], { stdin: false });
    expect(await run.session.exit).toBe(127);
    expect(run.stderr()).toBe('exec: nope: not found\n');
  });

  it('`sh` runs each command line as it arrives, and ends at EOF', async () => {
    const run = start(['sh']);
    await run.type('X=1; echo first $X\n');
    expect(run.stdout()).toBe('first 1\n');
    await run.type('for i in a b; do\n');
    expect(run.stdout()).toBe('first 1\n');
    await run.type('echo $i; done\necho one \\\n');
    expect(run.stdout()).toBe('first 1\na\nb\n');
    await run.type('two\nexit 4\necho never\n');
    expect(await run.session.exit).toBe(4);
    expect(run.stdout()).toBe('first 1\na\nb\none two\n');
  });

  it('a here-document fed through stdin runs once its delimiter arrives; at end of input bash warns with the line of the whole input', async () => {
    const run = start(['sh']);
    await run.type('echo first\ncat <<EOF | tr a-z A-Z\nsecond\n');
    expect(run.stdout()).toBe('first\n');
    await run.type('EOF\n');
    expect(run.stdout()).toBe('first\nSECOND\n');
    const bash = start(['bash']);
    await bash.type('echo one\necho two\ncat <<EOF\nthree\n');
    bash.session.closeStdin();
    expect(await bash.session.exit).toBe(0);
    expect(bash.stdout()).toBe('one\ntwo\nthree\n');
    expect(bash.stderr()).toBe("bash: warning: here-document at line 3 delimited by end-of-file (wanted `EOF')\n");
  });

  it('a binary stream written to stdin lands in a file byte for byte (what tar receives from kubectl cp)', async () => {
    const lab = virtualHost({ fs: new MemoryFs() });
    const run = start(['sh', '-c', 'cat > /tmp/upload; wc_bytes=$(cat /tmp/upload | cat); echo done'], { stdin: true }, lab);
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    run.session.write(bytes.subarray(0, 50_000));
    await lab.settle();
    run.session.write(bytes.subarray(50_000));
    run.session.closeStdin();
    expect(await run.session.exit).toBe(0);
    expect(lab.fs.read('/tmp/upload')).toBe(fromUint8Array(bytes));
  });

  it('`cat` passes stdin through to stdout as bytes', async () => {
    const run = start(['cat']);
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    run.session.write(bytes);
    run.session.closeStdin();
    expect(await run.session.exit).toBe(0);
    expect(run.stdoutBytes()).toBe(fromUint8Array(bytes));
  });

  it('SIGINT ends it with 130, SIGTERM with 143; the container dying ends it too', async () => {
    const interrupted = start(['sleep', '100'], { stdin: false });
    interrupted.session.kill('SIGINT');
    expect(await interrupted.session.exit).toBe(130);
    const terminated = start(['sh', '-c', 'sleep 100']);
    terminated.session.kill('SIGTERM');
    expect(await terminated.session.exit).toBe(143);
    const orphan = start(['sh']);
    orphan.lab.kill('SIGKILL');
    expect(await orphan.session.exit).toBe(137);
  });
});

describe('startProcess with a TTY: an interactive shell', () => {
  it('shows a busybox prompt, echoes typing, runs lines with \\r\\n output and keeps state between them', async () => {
    const run = start(['sh'], TTY);
    await run.lab.settle();
    expect(run.stdout()).toBe('/ # ');
    await run.type('echo hi\r');
    expect(run.stdout()).toBe('/ # echo hi\r\nhi\r\n/ # ');
    await run.type('cd /tmp; X=kept\r');
    await run.type('echo $X $PWD\r');
    expect(run.stdout().endsWith('kept /tmp\r\n/tmp # ')).toBe(true);
    await run.type('mkdir -p /root; cd\r');
    expect(run.stdout().endsWith('~ # ')).toBe(true);
    await run.type('exit 3\r');
    expect(await run.session.exit).toBe(3);
  });

  it('an interactive bash reads bash and shows Debian\'s prompt; sh stays ash', async () => {
    const bash = start(['bash'], TTY);
    await bash.lab.settle();
    expect(bash.stdout()).toBe('root@web-0:/# ');
    await bash.type('a=(x y z); echo ${#a[@]} ${a[1]}\r');
    expect(bash.stdout().endsWith('3 y\r\nroot@web-0:/# ')).toBe(true);
    await bash.type('exit\r');
    expect(await bash.session.exit).toBe(0);
    const sh = start(['sh'], TTY);
    await sh.type('a=(x y z)\r');
    expect(sh.stdout()).toContain('syntax error: unexpected "("');
  });

  it('edits the line: Backspace, Ctrl-U, arrows and history', async () => {
    const run = start(['sh'], TTY);
    await run.type('echo ab\x7fc\r');
    expect(run.stdout()).toContain('ac\r\n');
    await run.type('rubbish\x15echo ok\r');
    expect(run.stdout()).toContain('\r\nok\r\n');
    await run.type('echo 1\x1b[Dx\r');
    expect(run.stdout()).toContain('\r\nx1\r\n');
    await run.type('\x1b[A\x1b');
    await run.type('[A\r');
    expect(run.stdout().match(/\r\nok\r\n/g)).toHaveLength(2);
    await run.type('echo 한국어\x7f\r');
    expect(run.stdout()).toContain('\r\n한국\r\n');
  });

  it('Ctrl-C interrupts a running command with 130 and cancels a half-typed line', async () => {
    const run = start(['sh'], TTY);
    await run.type('sleep 100\r');
    expect(run.lab.pendingSleeps()).toBe(1);
    await run.type('\x03');
    expect(run.lab.pendingSleeps()).toBe(0);
    await run.type('echo $?\r');
    expect(run.stdout()).toBe('/ # sleep 100\r\n^C\r\n/ # echo $?\r\n130\r\n/ # ');
    await run.type('half a line\x03');
    expect(run.stdout().endsWith('half a line^C\r\n/ # ')).toBe(true);
    run.session.kill('SIGINT');
    await run.lab.settle();
    expect(run.stdout().endsWith('^C\r\n/ # ')).toBe(true);
    expect(run.status()).toBeUndefined();
  });

  it('a busy loop stopped by the limits ends the command, not the session', async () => {
    let out = '';
    const lab = virtualHost();
    const session = startProcess(['sh'], lab.host, TTY, { stdout: (bytes) => (out += fromUint8Array(bytes)), stderr: () => undefined }, { maxCommandsWithoutSleep: 50 });
    session.write(toUint8Array('while true; do :; done\r'));
    await lab.settle();
    expect(out).toContain('sh: stopped after 50 commands without a sleep (endless busy loop?)\r\n/ # ');
    session.write(toUint8Array('exit\r'));
    expect(await session.exit).toBe(1);
  });

  it('continues incomplete commands with `> `, reports syntax errors and goes on', async () => {
    const run = start(['sh'], TTY);
    await run.type('for i in 1 2; do\r');
    expect(run.stdout().endsWith('\r\n> ')).toBe(true);
    await run.type('echo $i; done\r');
    expect(run.stdout()).toContain('1\r\n2\r\n/ # ');
    await run.type('fi\r');
    expect(run.stdout()).toContain('sh: syntax error: unexpected "fi"\r\n/ # ');
  });

  it('continues a here-document with `> ` until its delimiter line, then runs the command', async () => {
    const run = start(['sh'], TTY);
    for (const line of ['cat > /tmp/pod.yaml <<EOF', 'kind: Pod', 'metadata:', '  name: $HOSTNAME', 'EOF']) await run.type(`${line}\r`);
    expect(run.stdout()).toBe('/ # cat > /tmp/pod.yaml <<EOF\r\n> kind: Pod\r\n> metadata:\r\n>   name: $HOSTNAME\r\n> EOF\r\n/ # ');
    expect(run.lab.fs.read('/tmp/pod.yaml')).toBe('kind: Pod\nmetadata:\n  name: web-0\n');
    for (const line of ["cat <<'A' | grep -v skip", 'keep $X', 'skip', 'A']) await run.type(`${line}\r`);
    expect(run.stdout().endsWith('> A\r\nkeep $X\r\n/ # ')).toBe(true);
  });

  it('Ctrl-D inside a here-document ends it: bash warns with the session\'s line and runs the command, and the session goes on', async () => {
    const run = start(['bash'], TTY);
    for (const keys of ['echo hi\r', 'cat <<EOF\r', 'typed\r', '\x04']) await run.type(keys);
    expect(run.stdout()).toBe("root@web-0:/# echo hi\r\nhi\r\nroot@web-0:/# cat <<EOF\r\n> typed\r\n> bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')\r\ntyped\r\nroot@web-0:/# ");
    await run.type('exit 5\r');
    expect(await run.session.exit).toBe(5);
  });

  it('a command reading the terminal gets typed lines until Ctrl-D; Ctrl-D at the prompt exits', async () => {
    const run = start(['sh'], TTY);
    await run.type('read a; echo "got $a"\r');
    await run.type('typed\r');
    expect(run.stdout()).toContain('typed\r\ngot typed\r\n/ # ');
    await run.type('cat\r');
    await run.type('line\r');
    expect(run.stdout().endsWith('line\r\nline\r\n')).toBe(true);
    await run.type('\x04');
    expect(run.stdout().endsWith('/ # ')).toBe(true);
    await run.type('false\r');
    await run.type('\x04');
    expect(await run.session.exit).toBe(1);
    expect(run.stdout().endsWith('/ # false\r\n/ # \r\n')).toBe(true);
  });

  it('$COLUMNS and $LINES follow resize; TERM is xterm', async () => {
    const run = start(['sh'], TTY);
    await run.type('echo $TERM\r');
    expect(run.stdout()).toContain('xterm\r\n');
    await run.type('echo $COLUMNS $LINES\r');
    run.session.resize(120, 40);
    await run.type('echo $COLUMNS $LINES\r');
    expect(run.stdout()).toContain('80 24\r\n');
    expect(run.stdout()).toContain('120 40\r\n');
  });

  it('a program other than a shell gets the terminal as its input; Ctrl-C ends it with 130', async () => {
    const run = start(['cat'], TTY);
    await run.type('hello\r');
    expect(run.stdout()).toBe('hello\r\nhello\r\n');
    await run.type('\x03');
    expect(await run.session.exit).toBe(130);
  });

  it('without stdin the shell sees end of input at once', async () => {
    const run = start(['sh'], { stdin: false, tty: { cols: 80, rows: 24 } });
    expect(await run.session.exit).toBe(0);
  });
});

describe('garbage in', () => {
  it('random keystrokes never break the terminal or the shell', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const run = start(['sh'], TTY);
    for (let i = 0; i < 50; i++) {
      run.session.write(Uint8Array.from({ length: 40 }, random));
      await run.lab.settle();
    }
    await run.type('\x03\x1b[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0\x03echo alive\r');
    expect(run.stdout()).toContain('alive\r\n');
    run.session.closeStdin();
    await run.lab.settle();
    expect(run.status()).toBeDefined();
  });
});

describe('sessions leave nothing behind', () => {
  it('1,000 sessions (exit, kill, EOF, Ctrl-C) leave no listener, sleep or handle', async () => {
    const lab = virtualHost({ env: { HOME: '/root' } });
    const handles = process.getActiveResourcesInfo().length;
    for (let i = 0; i < 250; i++) {
      const interactive = start(['sh'], TTY, lab);
      await interactive.type('sleep 100\r');
      await interactive.type('\x03');
      await interactive.type('echo $?\rexit 3\r');
      expect(await interactive.session.exit).toBe(3);
      const killed = start(['sh', '-c', `while true; do echo ${'y'.repeat(8000)}; done | while read l; do sleep 10; done`], { stdin: true }, lab);
      await new Promise((resolve) => setImmediate(resolve));
      killed.session.kill('SIGKILL');
      expect(await killed.session.exit).toBe(137);
      const eof = start(['sh'], { stdin: true }, lab);
      await eof.type('echo x\n');
      eof.session.closeStdin();
      expect(await eof.session.exit).toBe(0);
      const reader = start(['sh', '-c', 'cat | cat'], { stdin: true }, lab);
      reader.session.kill('SIGHUP');
      expect(await reader.session.exit).toBe(129);
    }
    expect(getEventListeners(lab.host.signal, 'abort')).toHaveLength(0);
    expect(lab.pendingSleeps()).toBe(0);
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(handles);
  });
});

describe('programExists', () => {
  it('knows shells and utilities by name or path, and script files', () => {
    const fs = new MemoryFs({ files: { '/app/run.sh': 'echo hi\n' } });
    expect(['sh', '/bin/bash', 'cat', '/usr/bin/ps', '/app/run.sh', 'run.sh'].map((name) => programExists(name, fs, name === 'run.sh' ? '/app' : '/'))).toEqual([true, true, true, true, true, false]);
    expect(programExists('nope', fs)).toBe(false);
    expect(programExists('./run.sh', fs, '/app')).toBe(true);
  });
});
