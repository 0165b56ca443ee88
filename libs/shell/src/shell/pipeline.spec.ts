import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Utility } from '../commands/command-context.js';
import { UTILITIES } from '../commands/utilities.js';
import { MemoryFs } from '../fs/memory-fs.js';
import { PIPE_CAPACITY } from '../io/pipe.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';

async function sh(script: string, fs?: MemoryFs) {
  const lab = virtualHost({ fs: fs ?? new MemoryFs({ files: { '/etc/passwd': PASSWD } }) });
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), lab };
}

describe('pipelines', () => {
  it.each([
    ['echo hi | cat', 'hi\n', 0],
    ['echo a b | { read x y; echo $y$x; }', 'ba\n', 0],
    ['echo one | cat | cat | cat', 'one\n', 0],
    ['true | false', '', 1],
    ['false | true', '', 0],
    ['! true | false; echo $?', '0\n', 0],
    ['! echo x | true', '', 1],
    ['x=$(echo abc | cat); echo "[$x]"', '[abc]\n', 0],
    ['for i in 1 2 3; do echo $i; done | while read n; do echo "n=$n"; done', 'n=1\nn=2\nn=3\n', 0],
    ['cat /etc/passwd | while IFS=: read user _ uid _; do echo "$user $uid"; done', 'root 0\ndaemon 1\nnobody 65534\n', 0],
    ['echo hi | { cat; echo done; }', 'hi\ndone\n', 0],
    ['echo hi |\n  cat', 'hi\n', 0],
    ['echo hi | read x; echo "[$x]"', '[]\n', 0],
    ['echo x | exit 3', '', 3],
    ['echo "echo from stdin; echo \\$0" | sh', 'from stdin\nsh\n', 0],
    ['printf "read a\\nline two\\necho got \\$a\\n" | sh', 'got line two\n', 0],
    ["printf 'echo a \\\\\\nb\\n' | sh", 'a b\n', 0],
  ])('%j', async (script, stdout, status) => {
    expect(await sh(script)).toMatchObject({ stdout, status, stderr: '' });
  });

  it('a streaming utility in the middle passes data on and stops with the pipeline', async () => {
    expect(await sh('while true; do echo y; done | cat | cat | { read a; read b; echo $a$b; }')).toMatchObject({ status: 0, stdout: 'yy\n' });
  });

  it('a script piped into sh that ends inside a command is a syntax error', async () => {
    expect(await sh('echo "if true; then echo x" | sh')).toMatchObject({ status: 2, stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n' });
  });

  it('stops an endless producer once the reader is done', async () => {
    expect(await sh('while true; do echo y; done | { read a; read b; read c; echo $a$b$c; }')).toMatchObject({ status: 0, stdout: 'yyy\n' });
  });

  it('holds a producer while the pipe is full, then ends it with a broken pipe when the reader exits', async () => {
    const lab = virtualHost();
    const line = 'x'.repeat(99);
    const done = runProcess(['sh', '-c', `i=0; while true; do i=$((i+1)); echo $i > /tmp/count; echo ${line}; done | sleep 5; echo status=$?`], lab.host);
    await lab.advance(1);
    const written = Number(lab.fs.read('/tmp/count'));
    expect(written).toBeGreaterThan(PIPE_CAPACITY / 100 - 2);
    expect(written).toBeLessThan(PIPE_CAPACITY / 100 + 2);
    await lab.advance(4);
    expect(await done).toBe(0);
    expect(lab.stdout()).toBe('status=0\n');
  });

  it('a killed pipeline ends every stage', async () => {
    const lab = virtualHost();
    const done = runProcess(['sh', '-c', `while true; do echo ${'y'.repeat(1000)}; done | while read x; do sleep 1; done`], lab.host);
    await lab.advance(3);
    lab.kill('SIGTERM');
    expect(await done).toBe(143);
  });

  it('while read … done < file reads a line per iteration; a command in the body reads the rest', async () => {
    expect(await sh('while read line; do echo "<$line>"; cat; done < /etc/passwd')).toMatchObject({
      stdout: '<root:x:0:0:root:/root:/bin/sh>\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    });
  });
});

describe('read', () => {
  it.each([
    ['read a b c', '  one  two  three four  \n', 'one|two|three four'],
    ['IFS=: read a b', 'x:y:z\n', 'x|y:z'],
    ['read a b', 'only\n', 'only|'],
    ['read a', 'no newline', 'no newline'],
    ['read a', 'back\\\nslash\n', 'backslash'],
    ['read -r a', 'raw\\n\n', 'raw\\n'],
  ])('%s with %j', async (command, input, expected) => {
    const fs = new MemoryFs({ files: { '/in': input } });
    const names = command.split(' ').slice(-command.split(' ').filter((w) => /^[a-c]$/.test(w)).length);
    const shown = names.map((name) => `$${name}`).join('|');
    expect((await sh(`${command} < /in; echo "${shown}"`, fs)).stdout).toBe(`${expected}\n`);
  });

  it('sets REPLY without names, fails with 1 at end of input, and prints -p prompts to stderr', async () => {
    const fs = new MemoryFs({ files: { '/in': '  kept  \n' } });
    expect(await sh('read -p "name? " < /in; echo "[$REPLY]"; read x < /dev/null; echo $?', fs)).toMatchObject({ stdout: '[  kept  ]\n1\n', stderr: 'name? ' });
  });

  it('a prefix assignment is gone after the builtin', async () => {
    expect((await sh('IFS=: read a b < /etc/passwd; echo "[$IFS]"')).stdout).toBe('[]\n');
  });

  it('rejects bad names', async () => {
    expect(await sh('echo x | read 1x')).toMatchObject({ status: 2, stderr: "sh: read: '1x': not a valid identifier\n" });
  });
});

describe('bytes', () => {
  it('a binary file passes through stdin, pipes and redirections byte for byte', async () => {
    const fs = new MemoryFs();
    const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('').repeat(400);
    fs.write('/data.bin', bytes);
    const { status } = await sh('cat < /data.bin | cat | cat > /copy.bin', fs);
    expect(status).toBe(0);
    expect(fs.read('/copy.bin')).toBe(bytes);
  });

  it('UTF-8 arguments leave as UTF-8 and are counted as bytes', async () => {
    const { stdout, lab } = await sh('echo 한국어; x=한; echo ${#x}');
    expect(stdout).toBe('한국어\n3\n');
    expect(lab.stdoutBytes().length).toBe(12);
  });

  it('image files are UTF-8 text on the way in', async () => {
    const fs = new MemoryFs({ files: { '/etc/motd': 'héllo\n' } });
    expect(fs.read('/etc/motd')).toBe('h\xc3\xa9llo\n');
    expect((await sh('cat /etc/motd', fs)).stdout).toBe('héllo\n');
  });
});

describe('the utility contract for endless input (`yes | head -n 3`)', () => {
  /** As `yes` must be written: write, then wait for room in the pipe (which throws once the reader is gone). */
  const yes: Utility = async (context) => {
    for (;;) {
      context.stdout(`${context.args[0] ?? 'y'}\n`);
      await context.runtime.writable();
    }
  };
  /** As `head` must be written: read lines from `stdin` as they come and stop after N. */
  const head: Utility = async (context) => {
    const stdin = context.stdin!;
    for (let n = Number(context.args[1] ?? 10); n > 0; n--) {
      const line = await stdin.readLine();
      if (line === undefined) break;
      context.stdout(line);
    }
    return 0;
  };
  const table = UTILITIES as Map<string, Utility>;
  beforeAll(() => {
    table.set('fixture-yes', yes);
    table.set('fixture-head', head);
  });
  afterAll(() => {
    table.delete('fixture-yes');
    table.delete('fixture-head');
  });

  it('ends with the reader, the writer stopped by a broken pipe', async () => {
    expect(await sh('fixture-yes | fixture-head -n 3; echo status=$?')).toMatchObject({ stdout: 'y\ny\ny\nstatus=0\n', stderr: '' });
    expect(await sh('fixture-yes hello | cat | fixture-head -n 2')).toMatchObject({ status: 0, stdout: 'hello\nhello\n' });
  });
});
