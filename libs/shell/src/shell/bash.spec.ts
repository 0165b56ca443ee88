import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

async function run(program: 'bash' | 'sh', script: string, env: Record<string, string> = {}) {
  const lab = virtualHost({ env, fs: new MemoryFs({ files: { '/etc/hostname': 'pod\n' } }) });
  const status = await runProcess([program, '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs: lab.fs };
}

describe('bash features, when the program is bash', () => {
  it("runs the documentation's indexed Job input script", async () => {
    const result = await run('bash', '               items=(foo bar baz qux xyz)\n               echo ${items[$JOB_COMPLETION_INDEX]} > /tmp/data.txt\n              ', { JOB_COMPLETION_INDEX: '3' });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.fs.read('/tmp/data.txt')).toBe('qux\n');
  });

  it.each([
    ['items=(foo bar baz); echo ${items[1]} ${items[0]} $items', 'bar foo foo\n'],
    ['items=(foo bar baz); i=2; echo ${items[$i]} ${items[i]} ${items[i-1]} ${items[-1]}', 'baz baz bar baz\n'],
    ['items=(foo "b c"); for x in "${items[@]}"; do echo "<$x>"; done', '<foo>\n<b c>\n'],
    ['items=(foo "b c"); for x in ${items[@]}; do echo "<$x>"; done', '<foo>\n<b>\n<c>\n'],
    ['items=(a b c); echo "${items[*]}"; IFS=,; echo "${items[*]}"', 'a b c\na,b,c\n'],
    ['items=(a b c); echo ${#items[@]} ${#items[*]} ${#items[1]}', '3 3 1\n'],
    ['items=(a); items+=(b c); echo ${#items[@]} ${items[2]}', '3 c\n'],
    ['items=(a b); items[4]=e; echo ${#items[@]} "${items[@]}"; items[0]+=z; echo ${items[0]}', '3 a b e\naz\n'],
    ['items=(\n  one\n  two\n); echo ${items[@]}', 'one two\n'],
    ['items=(); echo ${#items[@]}; echo "[${items[@]}]"', '0\n[]\n'],
    ['files=(/etc/*); echo ${files[0]}', '/etc/hostname\n'],
    ['a=(1 2 3); echo $(( ${#a[@]} - 1 )) $(( ${a[2]} * 2 ))', '2 6\n'],
    ['s=ab; s+=cd; echo $s', 'abcd\n'],
    ['for i in 0 1 2; do sq[$i]=$((i * i)); done; echo ${sq[@]}', '0 1 4\n'],
    ['i=1; a[$((i + 1))]=x; a[${i}]+=y; echo "${a[@]}" ${#a[@]}', 'y x 2\n'],
    ['i=1; a[$i]="two words"; echo "${a[1]}"', 'two words\n'],
    ['x=(a b); unset x; echo "[${x[@]}]"', '[]\n'],
    ['x=(a b); ( x+=(c); echo ${#x[@]} ); echo ${#x[@]}', '3\n2\n'],
  ])('arrays: %j', async (script, stdout) => {
    expect(await run('bash', script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it.each([
    ['[[ abc == a* ]]', 0],
    ['[[ abc == "a*" ]]', 1],
    ['[[ abc != a?d ]]', 0],
    ['[[ abc = abc ]]', 0],
    ['x="two words"; [[ $x == "two words" ]]', 0],
    ['[[ -z "" ]]', 0],
    ['[[ -n "" ]]', 1],
    ['[[ -n x && -z "" ]]', 0],
    ['[[ -n "" || -z "" ]]', 0],
    ['[[ ! -n "" ]]', 0],
    ['[[ ( -n x || -n "" ) && -z x ]]', 1],
    ['[[ x ]]', 0],
    ['[[ $unset ]]', 1],
    ['[[ 2 -lt 10 ]]', 0],
    ['[[ 2 < 10 ]]', 1],
    ['[[ b > a ]]', 0],
    ['[[ -f /etc/hostname ]]', 0],
    ['[[ -d /etc/hostname ]]', 1],
    ['[[ v1.29 =~ ^v[0-9]+\\.[0-9]+$ ]]', 0],
    ['[[ v1x29 =~ ^v[0-9]+\\.[0-9]+$ ]]', 1],
    ['[[ x =~ [ ]]', 2],
  ])('[[ ]]: %j → %i', async (script, status) => {
    expect((await run('bash', script)).status).toBe(status);
  });

  it('fills BASH_REMATCH from a =~ match, groups and alternations included', async () => {
    const result = await run('bash', '[[ release-1.29 =~ ^(release|tag)-([0-9]+)\\.([0-9]+)$ ]] && echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"');
    expect(result).toMatchObject({ status: 0, stdout: 'release-1.29 release 1 29\n' });
  });

  it.each([
    ['i=0; ((i++)); ((i += 5)); echo $i', '6\n'],
    ['(( 3 > 2 )) && echo yes; (( 0 )) || echo zero', 'yes\nzero\n'],
    ['((0)); echo $?; ((7)); echo $?', '1\n0\n'],
    ['for ((i = 0; i < 3; i++)); do echo $i; done', '0\n1\n2\n'],
    ['for ((i = 0; ; i++)); do [[ $i == 2 ]] && break; echo $i; done', '0\n1\n'],
    ["echo $'a\\tb\\nc' $'it\\'s' $'\\x41\\101'", 'a\tb\nc it\'s AA\n'],
    ['x=HeLLo; echo ${x,,} ${x^^} ${x,} ${x^}', 'hello HELLO heLLo HeLLo\n'],
    ['a=(ab cd); echo ${a[@]^^}', 'AB CD\n'],
  ])('arithmetic, $\'…\' and case: %j', async (script, stdout) => {
    expect(await run('bash', script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it.each([
    ['greet() { echo "hi $1 ($#)"; }; greet you; greet', 'hi you (1)\nhi  (0)\n'],
    ['function greet { echo "hi $*"; }; greet a b', 'hi a b\n'],
    ['function greet() {\n  echo hi\n}\ngreet', 'hi\n'],
    ['f() { return 3; echo no; }; f; echo $?', '3\n'],
    ['f() { false; return; }; f; echo $?', '1\n'],
    ['f() { for i in 1 2 3; do [[ $i == 2 ]] && return $i; done; }; f; echo $?', '2\n'],
    ['x=out; f() { local x=in y; x+=!; echo $x ${y-unset}; }; f; echo $x', 'in! unset\nout\n'],
    ['n=0; count() { ((n++)); [[ $n -lt 3 ]] && count; }; count; echo $n', '3\n'],
    ['f() { echo "$1"; }; set -- outer; f inner; echo $1', 'inner\nouter\n'],
    ['f() { echo sub; }; echo $(f) | cat', 'sub\n'],
  ])('functions: %j', async (script, stdout) => {
    expect(await run('bash', script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it('refuses return and local outside a function, as bash does', async () => {
    expect(await run('bash', 'return 1; local x; echo $?')).toMatchObject({
      stdout: '1\n',
      stderr: "bash: return: can only `return' from a function or sourced script\nbash: local: can only be used in a function\n",
    });
  });

  it('reports a bad arithmetic command and goes on, as bash does', async () => {
    expect(await run('bash', '(( 1 / 0 )); echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: ((: 1 / 0: divide by zero\n' });
  });

  it.each([
    ['[[ -n x', 'bash: syntax error: unexpected end of file (expecting "]]")\n'],
    ['[[ == x ]]', 'bash: syntax error: unexpected "x"\n'],
    ['[[ -n ]]', 'bash: syntax error: unexpected "]]"\n'],
    ['a=(x y', 'bash: syntax error: unexpected end of file (expecting ")")\n'],
    ['((1 + 2', 'bash: syntax error: unexpected end of file (expecting "))")\n'],
  ])('refuses %j', async (script, stderr) => {
    expect(await run('bash', script)).toMatchObject({ status: 2, stderr });
  });
});

describe('the same scripts under sh, which keeps busybox ash grammar', () => {
  it.each([
    ['items=(foo bar baz)', 'sh: syntax error: unexpected "("\n', 2],
    ['echo ${items[1]}', 'sh: syntax error: bad substitution\n', 2],
    ['x=a; echo ${x^^}', 'sh: syntax error: bad substitution\n', 2],
    ['for ((i = 0; i < 3; i++)); do echo $i; done', 'sh: syntax error: bad for loop variable\n', 2],
    ['[[ a == a ]]', 'sh: [[: not found\n', 127],
    ['((i++))', 'sh: i++: not found\n', 127],
    ['f() { echo; }', 'sh: syntax error: functions are not supported\n', 2],
    ['function f { echo; }', 'sh: syntax error: unexpected "}"\n', 2],
    ['local x', 'sh: local: not found\n', 127],
  ])('%j', async (script, stderr, status) => {
    expect(await run('sh', script)).toMatchObject({ status, stderr, stdout: '' });
  });

  it("leaves $'…' as a dollar sign and a quoted string, and += as part of a command name", async () => {
    expect(await run('sh', "echo $'a\\tb'; s+=x")).toMatchObject({ stdout: '$a\\tb\n', stderr: 'sh: s+=x: not found\n' });
  });
});
