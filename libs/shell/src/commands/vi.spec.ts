import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { Volume } from '../fs/volume.js';
import { decodeUtf8, encodeUtf8, fromUint8Array, toUint8Array } from '../io/byte-string.js';
import { startProcess, type SessionOptions } from '../session/start-process.js';
import { AnsiScreen } from '../testing/ansi-screen.js';
import { virtualHost } from '../testing/virtual-host.js';

const TTY: SessionOptions = { stdin: true, tty: { cols: 80, rows: 24 } };
const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

/** An interactive `sh` on a TTY over `files`, with the screen as the user sees it. */
function terminal(files: Record<string, string>, options: SessionOptions = TTY, fs = new MemoryFs({ files })) {
  const lab = virtualHost({ fs, env: { HOME: '/root' } });
  const screen = new AnsiScreen(options.tty?.cols ?? 80, options.tty?.rows ?? 24);
  let out = '';
  let err = '';
  const session = startProcess(['sh'], lab.host, options, {
    stdout: (bytes) => {
      const text = decodeUtf8(fromUint8Array(bytes));
      out += text;
      screen.write(text);
    },
    stderr: (bytes) => (err += decodeUtf8(fromUint8Array(bytes))),
  });
  return {
    lab,
    session,
    screen,
    /** Everything shown so far. */
    output: () => out,
    stderr: () => err,
    /** The last screen line: vim's message and ruler. */
    bottom: () => screen.line(23),
    type: async (text: string) => {
      session.write(toUint8Array(encodeUtf8(text)));
      await lab.settle();
    },
  };
}

describe('vi on a terminal', () => {
  it('opens a file as vim draws it, edits it and writes it with :wq', async () => {
    const run = terminal({ '/etc/kubernetes/manifests/web.yaml': MANIFEST });
    await run.type('vi /etc/kubernetes/manifests/web.yaml\r');
    expect(run.screen.lines().slice(0, 6)).toEqual(['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '~', '~']);
    expect(run.screen.line(22)).toBe('~');
    expect(run.bottom()).toBe(`${'"/etc/kubernetes/manifests/web.yaml" 4L, 47B'.padEnd(62)}1,1           All`);
    await run.type('jjjwwwcwapi\x1b');
    expect(run.screen.line(3)).toBe('  name: api');
    expect(run.bottom()).toBe(`${''.padEnd(62)}4,11          All`);
    await run.type(':w');
    expect(run.bottom()).toBe(':w');
    await run.type('\r');
    expect(run.bottom()).toBe(`${'"/etc/kubernetes/manifests/web.yaml" 4L, 47B written'.padEnd(62)}4,11          All`);
    expect(run.lab.fs.read('/etc/kubernetes/manifests/web.yaml')).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n');
    await run.type('Oannotations: {}\x1b:wq\r');
    expect(run.lab.fs.read('/etc/kubernetes/manifests/web.yaml')).toBe('apiVersion: v1\nkind: Pod\nmetadata:\nannotations: {}\n  name: api\n');
    expect(run.screen.lines().slice(0, 2)).toEqual(['/ # vi /etc/kubernetes/manifests/web.yaml', '/ #']);
    expect(run.screen.cursor()).toEqual({ row: 1, col: 4 });
  });

  it('refuses :q on a modified buffer with E37; :q! quits and leaves the file as it was', async () => {
    const run = terminal({ '/root/notes': 'keep\n' });
    await run.type('vi /root/notes\r');
    await run.type('ddichanged\x1b:q\r');
    expect(run.bottom()).toBe(`${'E37: No write since last change (add ! to override)'.padEnd(62)}1,7           All`);
    expect(run.screen.line(0)).toBe('changed');
    await run.type(':q!\r');
    await run.type('echo $?\r');
    expect(run.output()).toContain('\r\n0\r\n/ # ');
    expect(run.lab.fs.read('/root/notes')).toBe('keep\n');
  });

  it('dd, p and u: deletes a line, puts it back below, and undoes one change at a time', async () => {
    const run = terminal({ '/f': 'one\ntwo\nthree\n' });
    await run.type('vi /f\r');
    await run.type('ddp');
    expect(run.screen.lines().slice(0, 4)).toEqual(['two', 'one', 'three', '~']);
    expect(run.bottom().endsWith('2,1           All')).toBe(true);
    await run.type('u');
    expect(run.screen.lines().slice(0, 3)).toEqual(['two', 'three', '~']);
    expect(run.bottom().startsWith('1 line less; before #2  0 seconds ago')).toBe(true);
    await run.type('u');
    expect(run.screen.lines().slice(0, 3)).toEqual(['one', 'two', 'three']);
    await run.type('u');
    expect(run.bottom().startsWith('Already at oldest change')).toBe(true);
    await run.type(':q\r');
    expect(run.screen.lines().slice(0, 2)).toEqual(['/ # vi /f', '/ #']);
    expect(run.lab.fs.read('/f')).toBe('one\ntwo\nthree\n');
  });

  it('yy P, x, D, J and r<char> change the buffer as in vim', async () => {
    const run = terminal({ '/f': 'alpha beta\n  gamma\n' });
    await run.type('vi /f\r');
    await run.type('yyPjxD');
    expect(run.screen.lines().slice(0, 3)).toEqual(['alpha beta', '', '  gamma']);
    await run.type('jkJ');
    expect(run.screen.lines().slice(0, 3)).toEqual(['alpha beta', 'gamma', '~']);
    await run.type('rGggJ');
    expect(run.screen.line(0)).toBe('alpha beta Gamma');
    expect(run.bottom().endsWith('1,11          All')).toBe(true);
    await run.type(':wq\r');
    expect(run.lab.fs.read('/f')).toBe('alpha beta Gamma\n');
  });

  it('/pattern moves to the next match, n wraps around with vim\'s message, and a missing one is E486', async () => {
    const run = terminal({ '/f': 'image: nginx:1.25\nports:\nimage: busybox\n' });
    await run.type('vi /f\r');
    await run.type('/image\r');
    expect(run.bottom().startsWith('/image ')).toBe(true);
    expect(run.bottom().endsWith('3,1           All')).toBe(true);
    await run.type('n');
    expect(run.bottom().startsWith('search hit BOTTOM, continuing at TOP')).toBe(true);
    expect(run.bottom().endsWith('1,1           All')).toBe(true);
    await run.type('/nginx\rcwhttpd\x1b');
    await run.type('/redis\r');
    expect(run.bottom()).toBe(`${'E486: Pattern not found: redis'.padEnd(62)}1,12          All`);
    await run.type(':wq\r');
    expect(run.lab.fs.read('/f')).toBe('image: httpd:1.25\nports:\nimage: busybox\n');
  });

  it(':%s substitutes on every line, :s on the cursor\'s, and reports as vim does', async () => {
    const run = terminal({ '/f': 'a a\nb\na\na\n' });
    await run.type('vi /f\r');
    await run.type(':%s/a/x/g\r');
    expect(run.screen.lines().slice(0, 4)).toEqual(['x x', 'b', 'x', 'x']);
    expect(run.bottom().startsWith('4 substitutions on 3 lines')).toBe(true);
    await run.type(':s/z/y/\r');
    expect(run.bottom().startsWith('E486: Pattern not found: z')).toBe(true);
    await run.type('gg:s/x/&&/\r');
    expect(run.bottom().startsWith(':s/x/&&/')).toBe(true);
    await run.type(':x\r');
    expect(run.lab.fs.read('/f')).toBe('xx x\nb\nx\nx\n');
  });

  it('creates a new file: [New], the empty buffer\'s ruler, then [New] … written', async () => {
    const run = terminal({});
    await run.type('vi /tmp/new.txt\r');
    expect(run.bottom()).toBe(`${'"/tmp/new.txt" [New]'.padEnd(62)}0,0-1         All`);
    expect(run.screen.lines().slice(0, 2)).toEqual(['', '~']);
    await run.type('ihello');
    expect(run.bottom()).toBe(`${'-- INSERT --'.padEnd(62)}1,6           All`);
    await run.type('\x1b');
    expect(run.bottom().endsWith('1,5           All')).toBe(true);
    await run.type(':w\r');
    expect(run.bottom().startsWith('"/tmp/new.txt" [New] 1L, 6B written')).toBe(true);
    await run.type('ZZ');
    expect(run.lab.fs.read('/tmp/new.txt')).toBe('hello\n');
    expect(run.lab.fs.exists('/tmp/missing/x')).toBe(false);
    await run.type('vi /tmp/missing/x\r');
    expect(run.bottom().startsWith('"/tmp/missing/x" [New DIRECTORY]')).toBe(true);
  });

  it('a failed write shows vim\'s error and keeps the buffer', async () => {
    const fs = new MemoryFs();
    fs.mount('/etc/config', new Volume({ 'app.conf': 'a\n' }), { readOnly: true });
    const run = terminal({}, TTY, fs);
    await run.type('vi /etc/config/app.conf\r');
    await run.type('xib\x1b:w\r');
    expect(run.bottom().startsWith('"/etc/config/app.conf" E212: Can\'t open file for writing')).toBe(true);
    expect(run.screen.line(0)).toBe('b');
    await run.type(':w /etc\r');
    expect(run.bottom().startsWith('"/etc" E502: is a directory')).toBe(true);
    await run.type(':q\r');
    expect(run.bottom().startsWith('E37: No write since last change (add ! to override)')).toBe(true);
    await run.type(':w /tmp/copy\r');
    expect(run.bottom().startsWith('"/tmp/copy" [New] 1L, 2B written')).toBe(true);
    await run.type(':q\r');
    expect(run.bottom().startsWith('E37: No write since last change (add ! to override)')).toBe(true);
    expect(run.lab.fs.read('/tmp/copy')).toBe('b\n');
    expect(run.lab.fs.read('/etc/config/app.conf')).toBe('a\n');
  });

  it('scrolls to keep the cursor on screen and cuts long lines at the width', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    const run = terminal({ '/f': `${'x'.repeat(100)}\n${lines.slice(1).join('\n')}\n` });
    await run.type('vi /f\r');
    expect(run.screen.line(0)).toBe('x'.repeat(80));
    await run.type('G');
    expect(run.screen.line(22)).toBe('line 100');
    expect(run.screen.line(0)).toBe('line 78');
    expect(run.bottom().endsWith('100,1         Bot')).toBe(true);
    await run.type(':50\r');
    expect(run.screen.cursor().row).toBe(11);
    expect(run.bottom().endsWith('50,1          49%')).toBe(true);
    await run.type('gg$');
    expect(run.screen.line(0)).toBe('x'.repeat(41));
    expect(run.screen.cursor()).toEqual({ row: 0, col: 40 });
  });

  it('learns the terminal\'s size and follows a resize', async () => {
    const run = terminal({ '/f': 'a\n' }, { stdin: true, tty: { cols: 40, rows: 10 } });
    await run.type('vi /f\r');
    expect(run.screen.line(9)).toBe(`${'"/f" 1L, 2B'.padEnd(22)}1,1           All`);
    run.session.resize(60, 12);
    await run.type('l');
    expect(run.output().endsWith('\x1b[12;1H"/f" 1L, 2B                               1,1           All\x1b[K\x1b[1;1H')).toBe(true);
  });

  it('gets Ctrl-C as a key while it runs, and the terminal is cooked again once it exits', async () => {
    const run = terminal({ '/f': 'a\n' });
    await run.type('vi /f\r');
    await run.type('\x03');
    expect(run.bottom().startsWith('Type  :qa!  and press <Enter> to abandon all changes and exit Vim')).toBe(true);
    await run.type(':qa!\r');
    await run.type('echo ab\x7fc\r');
    expect(run.output()).toContain('\r\nac\r\n/ # ');
    expect(run.screen.lines().slice(0, 3)).toEqual(['/ # vi /f', '/ # echo ac', 'ac']);
    await run.type('sleep 100\r');
    await run.type('\x03');
    expect(run.lab.pendingSleeps()).toBe(0);
    expect(run.output().endsWith('^C\r\n/ # ')).toBe(true);
  });

  it('E492 for an unknown command; :set nu shows line numbers', async () => {
    const run = terminal({ '/f': 'a\nb\n' });
    await run.type('vi /f\r');
    await run.type(':frobnicate\r');
    expect(run.bottom().startsWith('E492: Not an editor command: frobnicate ')).toBe(true);
    await run.type(':set nu\r');
    expect(run.screen.lines().slice(0, 3)).toEqual(['  1 a', '  2 b', '~']);
    expect(run.screen.cursor()).toEqual({ row: 0, col: 4 });
  });
});

describe('vi as the session\'s program (kubectl exec -it POD -- vi FILE)', () => {
  it('runs raw on the session\'s terminal: Ctrl-C is a key, :wq writes and ends the session with 0', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/f': 'a\n' } }) });
    const screen = new AnsiScreen(80, 24);
    const session = startProcess(['vim', '/f'], lab.host, TTY, { stdout: (bytes) => screen.write(fromUint8Array(bytes)), stderr: () => undefined });
    const type = async (keys: string) => {
      session.write(toUint8Array(keys));
      await lab.settle();
    };
    await type('\x03');
    expect(screen.line(23).startsWith('Type  :qa!')).toBe(true);
    await type('ib\x1b:wq\r');
    expect(await session.exit).toBe(0);
    expect(lab.fs.read('/f')).toBe('ba\n');
  });
});

describe('vi without a terminal', () => {
  it('warns as vim does, then reads keys from the pipe: `printf … | vi FILE` edits FILE', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/f': 'a b\na\n' } }) });
    let err = '';
    const session = startProcess(['sh', '-c', "printf ':%%s/a/b/\\n:wq\\n' | vi /f"], lab.host, { stdin: false }, { stdout: () => undefined, stderr: (bytes) => (err += fromUint8Array(bytes)) });
    await lab.advance(2);
    expect(await session.exit).toBe(0);
    expect(err).toBe('Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n');
    expect(lab.fs.read('/f')).toBe('b b\nb\n');
  });

  it('on a terminal with piped input, warns only of the input and still draws the screen', async () => {
    const run = terminal({ '/f': 'x\n' });
    await run.type("printf 'ddiy\\033:wq\\n' | vi /f\r");
    expect(run.output()).toContain('Vim: Warning: Input is not from a terminal\r\n');
    expect(run.output()).not.toContain('Output is not');
    await run.lab.advance(2);
    expect(run.lab.fs.read('/f')).toBe('y\n');
    expect(run.output().endsWith('/ # ')).toBe(true);
  });

  it('input that ends before a quit exits 1 with vim\'s words, writing nothing', async () => {
    const lab = virtualHost({ fs: new MemoryFs({ files: { '/f': 'a\n' } }) });
    let out = '';
    const session = startProcess(['vi', '/f'], lab.host, { stdin: true }, { stdout: (bytes) => (out += fromUint8Array(bytes)), stderr: () => undefined });
    session.write(toUint8Array('dd'));
    session.closeStdin();
    await lab.advance(2);
    expect(await session.exit).toBe(1);
    expect(out.endsWith('\x1b[?1049lVim: Error reading input, exiting...\r\nVim: Finished.\r\n')).toBe(true);
    expect(lab.fs.read('/f')).toBe('a\n');
  });
});
