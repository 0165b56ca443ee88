import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

async function sh(script: string, env: Record<string, string> = {}, fs?: MemoryFs) {
  const lab = virtualHost({ env, fs });
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs: lab.fs };
}

describe('shell grammar', () => {
  it.each([
    ['echo a; echo b', 'a\nb\n', 0],
    ['echo a\necho b\n', 'a\nb\n', 0],
    ['true && echo yes', 'yes\n', 0],
    ['false && echo yes', '', 1],
    ['false || echo no', 'no\n', 0],
    ['true || echo no', '', 0],
    ['false && echo a || echo b', 'b\n', 0],
    ['! true; echo $?', '1\n', 0],
    ['! false', '', 0],
    ['{ echo a; echo b; }', 'a\nb\n', 0],
    ['( echo sub; exit 4 ); echo $?', 'sub\n4\n', 0],
    ['X=1; ( X=2 ); echo $X', '1\n', 0],
    ['if true; then echo t; else echo f; fi', 't\n', 0],
    ['if false; then echo t; elif true; then echo e; else echo f; fi', 'e\n', 0],
    ['if false; then echo t; fi; echo $?', '0\n', 0],
    ['if false; then :; else echo f; fi', 'f\n', 0],
    ['for x in a b c; do echo $x; done', 'a\nb\nc\n', 0],
    ['for x in; do echo $x; done; echo end', 'end\n', 0],
    ['for x\ndo echo $x; done', '', 0],
    ['i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n', 0],
    ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n', 0],
    ['for i in 1 2 3 4; do if [ $i = 3 ]; then break; fi; echo $i; done', '1\n2\n', 0],
    ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3\n', 0],
    ['for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done', '1x\n2x\n', 0],
    ['for a in 1 2; do for b in x y; do break 2; done; done; echo out', 'out\n', 0],
    ['break; echo still', 'still\n', 0],
    ['# a comment\necho hi # trailing', 'hi\n', 0],
    ['echo one \\\ntwo', 'one two\n', 0],
    ['echo a;', 'a\n', 0],
    ['exit 3; echo never', '', 3],
  ])('%j', async (script, stdout, status) => {
    expect(await sh(script)).toMatchObject({ stdout, status, stderr: '' });
  });

  it.each([
    ['echo "unterminated', 'sh: syntax error: unterminated quoted string\n'],
    ["echo 'unterminated", 'sh: syntax error: unterminated quoted string\n'],
    ['if true; then echo', 'sh: syntax error: unexpected end of file (expecting "fi")\n'],
    ['if true; then fi', 'sh: syntax error: unexpected "fi"\n'],
    ['done', 'sh: syntax error: unexpected "done"\n'],
    ['echo a && ; echo b', 'sh: syntax error: unexpected ";"\n'],
    ['echo a >', 'sh: syntax error: unexpected end of file\n'],
    ['for 1 in a; do :; done', 'sh: syntax error: bad for loop variable\n'],
    ['echo ${', 'sh: syntax error: bad substitution\n'],
    ['echo $(echo hi', 'sh: syntax error: unexpected end of file (expecting ")")\n'],
    ['sleep 1 &', 'sh: syntax error: background jobs (&) are not supported\n'],
    ['case x in x) ;; esac', 'sh: syntax error: case statements are not supported\n'],
    ['f() { echo; }', 'sh: syntax error: functions are not supported\n'],
  ])('%j is a syntax error', async (script, stderr) => {
    expect(await sh(script)).toMatchObject({ status: 2, stdout: '', stderr });
  });
});

describe('word expansion', () => {
  const env = { NAME: 'world', EMPTY: '', SPACED: '  a   b  ', HOME: '/root' };

  it.each([
    ['echo $NAME ${NAME}', 'world world\n'],
    ['echo "hello $NAME"', 'hello world\n'],
    ["echo 'hello $NAME'", 'hello $NAME\n'],
    ['echo \\$NAME', '$NAME\n'],
    ['echo "a\\"b\\$c\\\\d\\e"', 'a"b$c\\d\\e\n'],
    ['echo x${MISSING}y', 'xy\n'],
    ['echo ${MISSING:-fallback} ${EMPTY:-e} ${EMPTY-unset} ${NAME:+set}', 'fallback e set\n'],
    ['echo ${NEW:=made}; echo $NEW', 'made\nmade\n'],
    ['echo ${#NAME}', '5\n'],
    ['echo $SPACED.', 'a b .\n'],
    ['echo "$SPACED."', '  a   b  .\n'],
    ['for w in $SPACED; do echo "[$w]"; done', '[a]\n[b]\n'],
    ['set -- "$EMPTY"; echo $#', '1\n'],
    ['set -- $EMPTY; echo $#', '0\n'],
    ['echo $(echo inner) `echo back`', 'inner back\n'],
    ['x=$(printf "a\\n\\n"); echo "[$x]"', '[a]\n'],
    ['echo "$(echo "nested $(echo deep)")"', 'nested deep\n'],
    ['echo $((1 + 2 * 3)) $((10 / 3)) $((10 % 3)) $((-7 / 2)) $((2 > 1))', '7 3 1 -3 1\n'],
    ['n=5; echo $((n * 2)) $(($n + 1)); : $((n += 10)); echo $n', '10 6\n15\n'],
    ['echo $((1 ? 2 : 3)) $((0 && 1/0)) $((0x10)) $((010))', '2 0 16 8\n'],
    ['false; echo $?; true; echo $?', '1\n0\n'],
    ['echo $0 $#', 'sh 0\n'],
    ['A=1 B=2; echo $A$B', '12\n'],
    ['X=outer; X=inner printenv X; echo $X', 'inner\nouter\n'],
    ['export E=1; printenv E; unset E; printenv E; echo $?', '1\n1\n'],
    ['LOCAL=1; printenv LOCAL; echo $?', '1\n'],
    ['x=$(exit 7); echo $?', '7\n'],
    ['echo $HOME ~ "$@"', '/root ~\n'],
    ['set -- "a b" c; for x in "$@"; do echo "[$x]"; done; for x in $@; do echo "<$x>"; done', '[a b]\n[c]\n<a>\n<b>\n<c>\n'],
    ['set -- a b; echo "x$@y"', 'xa by\n'],
    ['echo "" a""b \'\'', ' ab \n'],
  ])('%j', async (script, stdout) => {
    expect(await sh(script, env)).toMatchObject({ stdout, stderr: '' });
  });

  it('sh -c passes $0 and positional parameters', async () => {
    const lab = virtualHost();
    await runProcess(['sh', '-c', 'echo $0 $1 $2 $#; shift; echo $1', 'name', 'one', 'two'], lab.host);
    expect(lab.stdout()).toBe('name one two 2\ntwo\n');
  });

  it('globs against the container file system', async () => {
    const fs = new MemoryFs({ files: { '/etc/config/b.conf': '', '/etc/config/a.conf': '', '/etc/config/.hidden': '', '/etc/config/x.txt': '' } });
    expect(await sh('echo /etc/config/*.conf; echo /etc/config/?.txt; echo "/etc/config/*"; echo /nope/*', {}, fs)).toMatchObject({
      stdout: '/etc/config/a.conf /etc/config/b.conf\n/etc/config/x.txt\n/etc/config/*\n/nope/*\n',
    });
    expect(await sh('cd /etc/config && echo *', {}, fs)).toMatchObject({ stdout: 'a.conf b.conf x.txt\n' });
  });

  it.each([
    ['echo ${X:?is required}; echo after', 'sh: X: is required\n', 1],
    ['echo ${X?}', 'sh: X: parameter not set\n', 1],
    ['set -u; echo $X', 'sh: X: parameter not set\n', 1],
    ['echo $((1 / 0))', 'sh: divide by zero\n', 2],
    ['echo $((1 +))', 'sh: arithmetic syntax error\n', 2],
  ])('%j stops the shell', async (script, stderr, status) => {
    expect(await sh(script)).toMatchObject({ stdout: '', stderr, status });
  });
});

describe('redirections', () => {
  it.each([
    ['echo hi > /tmp/f; cat /tmp/f', 'hi\n'],
    ['echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', 'a\nb\n'],
    ['echo a > /tmp/f; echo b > /tmp/f; cat /tmp/f', 'b\n'],
    ['cat /missing 2>/dev/null; echo $?', '1\n'],
    ['cat /missing > /tmp/out 2>&1; cat /tmp/out', "cat: can't open '/missing': No such file or directory\n"],
    ['cat /missing 2>&1 >/dev/null; echo $?', "cat: can't open '/missing': No such file or directory\n1\n"],
    ['echo quiet >/dev/null', ''],
    ['echo to-err >&2 2>/dev/null', ''],
    ['> /tmp/empty; ls /tmp', 'empty\n'],
    ['{ echo a; echo b; } > /tmp/g; cat /tmp/g', 'a\nb\n'],
    ['for i in 1 2; do echo $i; done > /tmp/h; cat /tmp/h', '1\n2\n'],
    ['echo in > /tmp/i; cat < /tmp/i', 'in\n'],
    ['f=/tmp/name; echo x > $f; cat /tmp/name', 'x\n'],
  ])('%j', async (script, stdout) => {
    expect(await sh(script)).toMatchObject({ stdout, status: 0 });
  });

  it('echo > to stderr lands in stderr', async () => {
    expect(await sh('echo oops >&2')).toMatchObject({ stdout: '', stderr: 'oops\n' });
  });

  it.each([
    ['echo x > /no/dir/f', "sh: can't create /no/dir/f: nonexistent directory\n"],
    ['echo x > /tmp', "sh: can't create /tmp: Is a directory\n"],
    ['cat < /missing', "sh: can't open '/missing': No such file or directory\n"],
    ['echo x >&5', 'sh: 5: bad file descriptor\n'],
  ])('%j fails with status 1', async (script, stderr) => {
    expect(await sh(script)).toMatchObject({ status: 1, stderr, stdout: '' });
  });
});

describe('shell options and builtins', () => {
  it.each([
    [['sh', '-c', 'set -e; false; echo no'], '', 1],
    [['sh', '-ec', 'false; echo no'], '', 1],
    [['sh', '-e', '-c', 'false || true; echo yes'], 'yes\n', 0],
    [['sh', '-ec', 'if false; then :; fi; ! true; false && true; echo yes'], 'yes\n', 0],
    [['sh', '-ec', 'set +e; false; echo yes'], 'yes\n', 0],
    [['sh', '-c', 'set -o errexit; false; echo no'], '', 1],
    [['sh', '-c', 'set -o pipefail; echo ok'], 'ok\n', 0],
    [['sh', '-c', 'echo $-; set -eu; echo $-'], '\neu\n', 0],
    [['sh', '-c', 'cd /tmp && pwd && cd .. && pwd && echo $PWD'], '/tmp\n/\n/\n', 0],
    [['sh', '-c', 'eval "X=1; echo \\$X"'], '1\n', 0],
    [['sh', '-c', 'exec echo replaced; echo never'], 'replaced\n', 0],
    [['sh', '-c', 'sh -c "exit 5"; echo $?'], '5\n', 0],
    [['sh', '-c', 'export A=1; sh -c "echo \\$A"'], '1\n', 0],
    [['sh', '-c', 'B=1; sh -c "echo [\\$B]"'], '[]\n', 0],
    [['sh', '-c', 'export Q="it\'s"; export -p'], `export Q='it'"'"'s'\n`, 0],
  ])('%j', async (argv, stdout, status) => {
    const lab = virtualHost();
    expect(await runProcess(argv, lab.host)).toBe(status);
    expect(lab.stdout()).toBe(stdout);
  });

  it('set -x traces commands to stderr', async () => {
    expect(await sh('set -x; X=1 echo $HOME', { HOME: '/root' })).toMatchObject({ stdout: '/root\n', stderr: '+ X=1 echo /root\n' });
  });

  it.each([
    ['cd /nowhere', "sh: cd: can't cd to /nowhere: No such file or directory\n", 2],
    ['exit abc', 'sh: exit: Illegal number: abc\n', 2],
    ['set -z', 'sh: set: illegal option -z\n', 2],
    ['shift 3', "sh: shift: can't shift that many\n", 1],
    ['export 1x=2', 'sh: export: 1x=2: bad variable name\n', 1],
  ])('%j', async (script, stderr, status) => {
    expect(await sh(script)).toMatchObject({ stderr, status });
  });

  it.each([
    [['sh', '-z'], 'sh: illegal option -z\n'],
    [['sh', '-c'], 'sh: -c requires an argument\n'],
    [['sh', '/missing.sh'], "sh: can't open '/missing.sh': No such file or directory\n"],
  ])('%j is refused with 2', async (argv, stderr) => {
    const lab = virtualHost();
    expect(await runProcess(argv, lab.host)).toBe(2);
    expect(lab.stderr()).toBe(stderr);
  });

  it('runs a script file from a mounted ConfigMap, directly or through sh', async () => {
    const fs = new MemoryFs({ files: { '/scripts/run.sh': '#!/bin/sh\necho "args: $0 $*"\nexit 3\n' } });
    for (const argv of [['sh', '/scripts/run.sh', 'a', 'b'], ['/scripts/run.sh', 'a', 'b']]) {
      const lab = virtualHost({ fs });
      expect(await runProcess(argv, lab.host)).toBe(3);
      expect(lab.stdout()).toBe('args: /scripts/run.sh a b\n');
    }
  });

  it('bash -lc and ash are the same shell', async () => {
    for (const argv of [['bash', '-lc', 'echo $0'], ['/bin/ash', '-c', 'echo $0']]) {
      const lab = virtualHost();
      expect(await runProcess(argv, lab.host)).toBe(0);
      expect(lab.stdout()).toBe(`${argv[0].replace('/bin/', '')}\n`);
    }
  });
});
