import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runUtility } from '../testing/run-utility.js';
import { MAX_LOOP_ITERATIONS } from './awk-interpreter.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const TABLE = 'alice 30 paris\nbob 25 rome\ncarol 35 oslo\n';
const awk = (args: string[], input = TABLE, fs?: MemoryFs) => runUtility(['awk', ...args], { input, fs });

describe('awk', () => {
  it.each([
    [['{ print $1 }'], 'alice\nbob\ncarol\n'],
    [['{ print $NF, NR }'], 'paris 1\nrome 2\noslo 3\n'],
    [['$2 > 28'], 'alice 30 paris\ncarol 35 oslo\n'],
    [['/^b/ { print $3 }'], 'rome\n'],
    [['NR == 2'], 'bob 25 rome\n'],
    [['{ sum += $2 } END { print sum, sum / NR }'], '90 30\n'],
    [['BEGIN { OFS = "-" } { $2 = $2 + 1; print }'], 'alice-31-paris\nbob-26-rome\ncarol-36-oslo\n'],
    [['{ printf "%-6s|%5.1f|%03d\\n", $1, $2 / 7, NR }'], 'alice |  4.3|001\nbob   |  3.6|002\ncarol |  5.0|003\n'],
    [['{ print length($1), toupper(substr($1, 1, 2)), index($1, "o") }'], '5 AL 0\n3 BO 2\n5 CA 4\n'],
    [['{ n[$3 ~ /o/]++ } END { print n[1], n[0] }'], '2 1\n'],
    [['NR==1, NR==2 { print NR }'], '1\n2\n'],
    [['{ if ($2 >= 30) print "old"; else print "young" }'], 'old\nyoung\nold\n'],
    [['END { for (i = 1; i <= 3; i++) s = s i; print s }'], '123\n'],
    [['{ a[NR] = $1 } END { for (k in a) c++; print c, (2 in a), ("x" in a) }'], '3 1 0\n'],
    [['{ gsub(/o/, "0"); print }'], 'alice 30 paris\nb0b 25 r0me\ncar0l 35 0sl0\n'],
    [['{ sub(/[0-9]+/, "<&>", $0); print $2 }'], '<30>\n<25>\n<35>\n'],
    [['{ n = split($3, parts, "r"); print n, parts[1] }'], '2 pa\n2 \n1 oslo\n'],
    [['NR == 2 { exit } { print $1 }'], 'alice\n'],
    [['{ print $1 > "/tmp/names" }'], ''],
    [['BEGIN { x = 1; while (x < 100) x *= 3; print x, 7 % 3, 2 ^ 10, -x }'], '243 1 1024 -243\n'],
    [['{ print NF; NF = 1; print }'], '3\nalice\n3\nbob\n3\ncarol\n'],
    [['BEGIN { printf "%s %d %c %x %e %g\\n", "s", 42.9, 65, 255, 1234.5, 0.0001 }'], 's 42 A ff 1.234500e+03 0.0001\n'],
    [['BEGIN { print 1/3 }'], '0.333333\n'],
    [['{ print ($2 > 9) }'], '1\n1\n1\n'],
  ])('%j', async (args, stdout) => {
    expect(await awk(args)).toEqual({ status: 0, stdout, stderr: '' });
  });

  it('splits on -F, takes -v variables and VAR=value operands', async () => {
    expect(await awk(['-F:', '$3 >= 1000 || $7 == "/bin/sh" { print $1 }'], PASSWD)).toMatchObject({ stdout: 'root\nnobody\n' });
    expect(await awk(['-F', ':', '-v', 'want=daemon', '$1 == want { print $6 }'], PASSWD)).toMatchObject({ stdout: '/usr/sbin\n' });
    const fs = new MemoryFs({ files: { '/a': '1\n', '/b': '2\n' } });
    expect(await awk(['{ print x, $1, FILENAME }', 'x=A', '/a', 'x=B', '/b'], '', fs)).toMatchObject({ stdout: 'A 1 /a\nB 2 /b\n' });
  });

  it('prints to /dev/stderr', async () => {
    expect(await awk(['NR == 1 { print "bad: " $1 > "/dev/stderr" }'])).toEqual({ status: 0, stdout: '', stderr: 'bad: alice\n' });
  });

  it('writes print > FILE to the file system', async () => {
    const fs = new MemoryFs();
    await awk(['{ print $1 > "/tmp/names" }'], TABLE, fs);
    expect(fs.read('/tmp/names')).toBe('alice\nbob\ncarol\n');
  });

  it('reports syntax errors, runtime errors, missing files and bad options', async () => {
    expect(await awk(['{ print $1 '])).toEqual({ status: 1, stdout: '', stderr: 'awk: cmd. line:1: unexpected end of program, missing }\n' });
    expect(await awk(['BEGIN { print 1/0 }'])).toEqual({ status: 2, stdout: '', stderr: 'awk: cmd. line:1: division by zero\n' });
    expect(await awk(['{ print }', '/nope'])).toEqual({ status: 1, stdout: '', stderr: "awk: can't open '/nope': No such file or directory\n" });
    expect(await awk([])).toMatchObject({ status: 1, stderr: 'Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n' });
    expect(await awk(['-q', '{}'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^awk: invalid option -- 'q'\nUsage: awk/) });
  });
});

describe('awk limits', () => {
  it('stops an endless loop instead of freezing the agent', async () => {
    expect(await runUtility(['awk', 'BEGIN { while (1) x++ }'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `awk: cmd. line:1: stopped after ${MAX_LOOP_ITERATIONS} loop iterations (endless loop?)\n`,
    });
  });

  it('refuses an absurd field number', async () => {
    expect(await runUtility(['awk', '{ $100000000 = 1 }'], { input: 'a\n' })).toEqual({ status: 2, stdout: '', stderr: 'awk: cmd. line:1: trying to access out of range field 100000000\n' });
  });
});
