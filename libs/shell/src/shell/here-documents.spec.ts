import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

async function run(program: 'sh' | 'bash', script: string) {
  const lab = virtualHost({ env: { X: 'val' } });
  const status = await runProcess([program, '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs: lab.fs };
}

describe('here-documents, the same in sh and bash', () => {
  it.each([
    ['cat <<EOF\nhello $X\nEOF', 'hello val\n'],
    ['cat <<EOF\na\\\nb $((1+2)) \\$x \\` \\\\ \\" \\y "q" \'s\' $(echo sub) `echo bq`\nEOF', 'ab 3 $x ` \\ \\" \\y "q" \'s\' sub bq\n'],
    ['cat <<EOF\n${X:-"d"} ${Y:-"d"} ${#X}\nEOF', 'val d 3\n'],
    ['cat <<EOF\n$(echo a\necho b)\nEOF', 'a\nb\n'],
    ["cat <<'EOF'\na\\\nb $((1+2)) \\$x $(echo no)\nEOF", 'a\\\nb $((1+2)) \\$x $(echo no)\n'],
    ['cat <<"EOF"\n$X "q"\nEOF', '$X "q"\n'],
    ['cat <<E\\OF\n$X\nEOF', '$X\n'],
    ['cat <<-EOF\n\t\tx $X\n\ty\n\tEOF\necho z', 'x val\ny\nz\n'],
    ["cat <<-'EOF'\n\tliteral $X\n\tEOF", 'literal $X\n'],
    ['cat <<EOF\nabc\n  EOF\nEOF \nEOF', 'abc\n  EOF\nEOF \n'],
    ['cat <<EOF\nab\\\\\nEOF', 'ab\\\n'],
    ["cat <<''\nempty delimiter\n\necho after", 'empty delimiter\nafter\n'],
    ['cat <<A <<B\na\nA\nb\nB', 'b\n'],
    ['cat <<A; cat <<B\na\nA\nb\nB', 'a\nb\n'],
    ['cat <<A; echo mid; cat <<B\na\nA\nb\nB\necho end', 'a\nmid\nb\nend\n'],
    ['cat <<EOF # a comment\nbody\nEOF', 'body\n'],
    ['cat <<EOF; echo "two\nlines"\nbody\nEOF', 'body\ntwo\nlines\n'],
    ['cat <<EOF | grep x\nx1\ny\nx2\nEOF', 'x1\nx2\n'],
    ['cat <<EOF > /tmp/f\nin file $X\nEOF\ncat /tmp/f', 'in file val\n'],
    ['cat > /tmp/f <<EOF\nin file\nEOF\ncat /tmp/f', 'in file\n'],
    ['cat <<EOF >> /tmp/f\none\nEOF\ncat <<EOF >> /tmp/f\ntwo\nEOF\ncat /tmp/f', 'one\ntwo\n'],
    ['cat 0<<EOF 2>/dev/null\nfd0\nEOF', 'fd0\n'],
    ['if true; then\n  cat <<EOF\n  in if\nEOF\nfi', '  in if\n'],
    ['for i in 1 2; do cat <<EOF\nline $i\nEOF\ndone', 'line 1\nline 2\n'],
    ['while read l; do echo "got $l"; done <<EOF\na\nb\nEOF', 'got a\ngot b\n'],
    ['{ cat; echo; } <<EOF\ngroup\nEOF', 'group\n\n'],
    ['read a b <<EOF\none two\nEOF\necho "$b $a"', 'two one\n'],
    ['x=$(cat <<EOF\nsub $X)\nEOF\n)\necho "[$x]"', '[sub val)]\n'],
    ['echo "$(cat <<\'EOF\'\nquoted $X\nEOF\n)"', 'quoted $X\n'],
    ['x=`cat <<EOF\nback\nEOF\n`; echo $x', 'back\n'],
    ['cat <<EOF\n\\\nEOF\necho x', 'x\n'],
  ])('%j', async (script, stdout) => {
    for (const program of ['sh', 'bash'] as const) expect(await run(program, script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it('writes a static pod manifest the way the kubeadm guides do', async () => {
    const script = 'name=static-web\ncat > /tmp/static-web.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $name\nspec:\n  containers:\n  - name: web\n    image: nginx\nEOF\necho written';
    const result = await run('sh', script);
    expect(result).toMatchObject({ status: 0, stdout: 'written\n', stderr: '' });
    expect(result.fs.read('/tmp/static-web.yaml')).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\n');
  });

  it('ends a here-document at the end of the script: ash silently, bash with a warning and a newline after the last line', async () => {
    expect(await run('sh', 'cat <<EOF\nunterminated')).toMatchObject({ status: 0, stdout: 'unterminated', stderr: '' });
    expect(await run('sh', 'cat <<EOF')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(await run('bash', 'echo one\ncat <<EOF\nunterminated')).toMatchObject({
      status: 0,
      stdout: 'one\nunterminated\n',
      stderr: "bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')\n",
    });
    expect(await run('bash', "cat <<'END'")).toMatchObject({ stdout: '', stderr: "bash: warning: here-document at line 1 delimited by end-of-file (wanted `END')\n" });
  });

  it('a line joined to the delimiter by a backslash-newline ends the body, the next one runs as a command', async () => {
    expect(await run('sh', 'cat <<EOF\n\\\nEOF\nEOF')).toMatchObject({ status: 127, stdout: '', stderr: 'sh: EOF: not found\n' });
  });

  it.each([
    ['cat <<', 'sh: syntax error: unexpected end of file\n'],
    ['cat <<\necho x', 'sh: syntax error: unexpected newline\n'],
    ['cat <<EOF\n${\nEOF', 'sh: syntax error: bad substitution\n'],
  ])('%j is a syntax error', async (script, stderr) => {
    expect(await run('sh', script)).toMatchObject({ status: 2, stdout: '', stderr });
  });
});

describe('bash here-strings and here-documents in functions', () => {
  it.each([
    ['cat <<<hello', 'hello\n'],
    ['cat <<< "$X y"; cat <<<\'$X\'', 'val y\n$X\n'],
    ['read a b <<< "1 2"; echo $b', '2\n'],
    ['f() {\n  cat <<EOF\nin f $1\nEOF\n}\nf arg', 'in f arg\n'],
    ['f() { cat; }\nf <<EOF\nfed\nEOF', 'fed\n'],
    ['[[ $(cat <<EOF\nyes\nEOF\n) == yes ]] && echo matched', 'matched\n'],
  ])('%j', async (script, stdout) => {
    expect(await run('bash', script)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it('sh, like busybox ash, has no here-strings', async () => {
    expect(await run('sh', 'cat <<<hello')).toMatchObject({ status: 2, stdout: '', stderr: 'sh: syntax error: unexpected "<"\n' });
  });
});
