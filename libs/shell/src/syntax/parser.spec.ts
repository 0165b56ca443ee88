import { describe, expect, it } from 'vitest';
import type { Word } from './ast.js';
import { parseScript, parseSource } from './parser.js';
import { ShellSyntaxError } from './syntax-error.js';

const text = (value: string, quoted = false) => ({ kind: 'text', text: value, quoted });

describe('parseScript', () => {
  it('reads a simple command with assignments, quoted words and redirections', () => {
    expect(parseScript(`A=1 B="x y" echo 'it''s' "$HOME"/bin 2>&1 >>/tmp/log`)).toEqual([
      {
        first: {
          negated: false,
          commands: [{
            type: 'simple',
            assignments: [
              { name: 'A', value: [text('1')] },
              { name: 'B', value: [text('x y', true)] },
            ],
            words: [[text('echo')], [text('its', true)], [{ kind: 'parameter', name: 'HOME', quoted: true }, text('/bin')]],
            redirects: [
              { fd: 2, operator: '>&', target: [text('1')] },
              { fd: 1, operator: '>>', target: [text('/tmp/log')] },
            ],
          }],
        },
        rest: [],
      },
    ]);
  });

  it('reads and-or lists, negation and compound commands', () => {
    const [list] = parseScript('! a && b || while c; do d; done');
    expect(list.first.negated).toBe(true);
    expect(list.rest.map((item) => item.operator)).toEqual(['&&', '||']);
    expect(list.rest[1].pipeline.commands[0].type).toBe('loop');
  });

  it('keeps reserved words literal where they are arguments', () => {
    const [list] = parseScript('echo if then done }');
    const command = list.first.commands[0];
    expect(command.type === 'simple' && command.words.map((word: Word) => word.map((part) => (part.kind === 'text' ? part.text : '')).join(''))).toEqual([
      'echo',
      'if',
      'then',
      'done',
      '}',
    ]);
  });

  it.each([
    ['${X:-a b}', [{ kind: 'parameter', name: 'X', operator: ':-', argument: [text('a b')], quoted: false }]],
    ['${#X}', [{ kind: 'parameter', name: 'X', length: true, quoted: false }]],
    ['$((1+(2*3)))', [{ kind: 'arithmetic', expression: '1+(2*3)', quoted: false }]],
    ['$1$?', [{ kind: 'parameter', name: '1', quoted: false }, { kind: 'parameter', name: '?', quoted: false }]],
    ['a$', [text('a$')]],
    ['\\"x', [text('"', true), text('x')]],
  ])('word %j', (source, word) => {
    const [list] = parseScript(`echo ${source}`);
    expect(list.first.commands[0].type === 'simple' && list.first.commands[0].words[1]).toEqual(word);
  });

  it('parses command substitutions recursively, including backquotes', () => {
    const [list] = parseScript('echo $(echo $(date)) `echo x`');
    const words = list.first.commands[0].type === 'simple' ? list.first.commands[0].words : [];
    expect(words[1][0].kind).toBe('command');
    expect(words[2][0].kind).toBe('command');
  });

  it('reads pipelines, with newlines after a bar and `!` negating the whole pipeline', () => {
    const [list] = parseScript('! a | b |\n\n c && d');
    expect(list.first.negated).toBe(true);
    expect(list.first.commands.map((command) => command.type === 'simple' && command.words[0])).toEqual([[text('a')], [text('b')], [text('c')]]);
    expect(list.rest[0].pipeline.commands).toHaveLength(1);
  });

  it('rejects what it does not support with a ShellSyntaxError', () => {
    expect(() => parseScript('a | | b')).toThrow('syntax error: unexpected "|"');
    expect(() => parseScript('a |')).toThrow(ShellSyntaxError);
    expect(() => parseScript('fi')).toThrow('syntax error: unexpected "fi"');
  });

  describe('here-documents', () => {
    const redirects = (source: string, dialect: 'sh' | 'bash' = 'sh') => {
      const command = parseScript(source, dialect)[0].first.commands[0];
      return command.type === 'simple' ? command.redirects : [];
    };
    const body = (source: string, dialect: 'sh' | 'bash' = 'sh') => redirects(source, dialect)[0].target;

    it('reads the body from the next line into the redirection, its expansions parsed as inside double quotes', () => {
      const script = parseScript('cat <<EOF >out\nhi "$USER" \\$x\nEOF\necho next');
      expect(script).toHaveLength(2);
      expect(script[0].first.commands[0]).toMatchObject({
        redirects: [
          { fd: 0, operator: '<<', target: [text('hi "', true), { kind: 'parameter', name: 'USER', quoted: true }, text('" $x\n', true)] },
          { fd: 1, operator: '>', target: [text('out')] },
        ],
      });
      expect(script[1].first.commands[0]).toMatchObject({ words: [[text('echo')], [text('next')]] });
    });

    it.each(["'EOF'", '"EOF"', 'E\\OF', "'E'OF"])('takes the body literally when the delimiter is quoted: <<%s', (delimiter) => {
      expect(body(`cat <<${delimiter}\n$X \`y\` \\\nEOF\n`)).toEqual([text('$X `y` \\\n', true)]);
    });

    it('strips leading tabs from the lines and the delimiter after <<-', () => {
      expect(body('cat <<-EOF\n\tone\n\t\ttwo $n\n\tEOF\n')).toEqual([text('one\ntwo ', true), { kind: 'parameter', name: 'n', quoted: true }, text('\n', true)]);
    });

    it('reads several here-documents begun on one line in order, after that line', () => {
      const script = parseScript('cat <<A <<-B; cat <<C\na\nA\n\tb\nB\nc\nC\necho after');
      expect(script.map((list) => list.first.commands[0].type === 'simple' && list.first.commands[0].redirects.map((redirect) => redirect.target))).toEqual([
        [[text('a\n', true)], [text('b\n', true)]],
        [[text('c\n', true)]],
        [],
      ]);
    });

    it('reads a here-document in a pipeline, a compound command and a command substitution', () => {
      const [pipeline] = parseScript('cat <<EOF | grep x\nx\nEOF\n');
      expect(pipeline.first.commands).toHaveLength(2);
      expect(pipeline.first.commands[0]).toMatchObject({ redirects: [{ operator: '<<', target: [text('x\n', true)] }] });
      expect(parseScript('while read l; do :; done <<EOF\nline\nEOF\n')[0].first.commands[0]).toMatchObject({ type: 'loop', redirects: [{ target: [text('line\n', true)] }] });
      const assignment = parseScript('x=$(cat <<EOF\na)b\nEOF\n)')[0].first.commands[0];
      expect(assignment).toMatchObject({ assignments: [{ name: 'x', value: [{ kind: 'command', script: [{ first: { commands: [{ redirects: [{ target: [text('a)b\n', true)] }] }] } }] }] }] });
    });

    it('ends a here-document at the end of the source and says so; bash ends its last line with a newline', () => {
      expect(parseSource('echo\ncat <<EOF\nabc')).toMatchObject({ unterminated: [{ line: 2, delimiter: 'EOF' }] });
      expect(body('cat <<EOF\nabc')).toEqual([text('abc', true)]);
      expect(body('cat <<EOF\nabc', 'bash')).toEqual([text('abc\n', true)]);
      expect(parseSource("cat <<'END'")).toEqual({ script: parseScript("cat <<'END'"), unterminated: [{ line: 1, delimiter: 'END' }] });
      expect(body("cat <<'END'")).toEqual([text('', true)]);
      expect(parseSource('cat <<EOF\nabc\nEOF').unterminated).toEqual([]);
    });

    it('reads bash here-strings as a word; sh has none', () => {
      expect(redirects('cat <<<"$x y"', 'bash')).toEqual([{ fd: 0, operator: '<<<', target: [{ kind: 'parameter', name: 'x', quoted: true }, text(' y', true)] }]);
      expect(() => parseScript('cat <<<x')).toThrow('syntax error: unexpected "<"');
    });

    it('wants a delimiter word', () => {
      expect(() => parseScript('cat <<')).toThrow('syntax error: unexpected end of file');
      expect(() => parseScript('cat <<\nx')).toThrow('syntax error: unexpected newline');
    });
  });

  describe('bash dialect', () => {
    const only = (source: string) => parseScript(source, 'bash')[0].first.commands[0];

    it('reads array literals and the +=, [index]= assignment forms', () => {
      expect(only('a=(x "y z")')).toMatchObject({ type: 'simple', assignments: [{ name: 'a', items: [[text('x')], [text('y z', true)]] }], words: [] });
      expect(only('a+=(w)')).toMatchObject({ assignments: [{ name: 'a', append: true, items: [[text('w')]] }] });
      expect(only('a[i+1]=v')).toMatchObject({ assignments: [{ name: 'a', index: 'i+1', value: [text('v')] }] });
      expect(only('s+=x')).toMatchObject({ assignments: [{ name: 's', append: true, value: [text('x')] }] });
    });

    it('reads ${a[index]}, its length and case conversions', () => {
      const words = (source: string) => {
        const command = only(`echo ${source}`);
        return command.type === 'simple' ? command.words[1] : [];
      };
      expect(words('${a[$i]}')).toEqual([{ kind: 'parameter', name: 'a', index: '$i', length: false, quoted: false }]);
      expect(words('${#a[@]}')).toEqual([{ kind: 'parameter', name: 'a', index: '@', length: true, quoted: false }]);
      expect(words('${x^^}')).toEqual([{ kind: 'parameter', name: 'x', operator: '^^', argument: [], quoted: false }]);
      expect(words("$'a\\tb'")).toEqual([text('a\tb', true)]);
    });

    it('reads [[ ]] with its operators and precedence', () => {
      expect(only('[[ ! -z $x && $y == a* || -f /f ]]')).toMatchObject({
        type: 'conditional',
        expression: {
          kind: 'or',
          left: { kind: 'and', left: { kind: 'not', operand: { kind: 'unary', operator: '-z' } }, right: { kind: 'binary', operator: '==' } },
          right: { kind: 'unary', operator: '-f', operand: [text('/f')] },
        },
      });
      expect(only('[[ $v =~ ^(a|b)$ ]]')).toMatchObject({ expression: { kind: 'binary', operator: '=~', right: [text('^(a|b)$')] } });
    });

    it('reads (( )) and for (( ; ; ))', () => {
      expect(only('(( i += 2 ))')).toEqual({ type: 'arithmetic', expression: ' i += 2 ', redirects: [] });
      expect(only('for ((i = 0; i < 3; i++)); do :; done')).toMatchObject({ type: 'arithmetic-for', init: 'i = 0', condition: 'i < 3', update: 'i++' });
      expect(only('( (echo) )')).toMatchObject({ type: 'group', subshell: true });
    });

    it('leaves sh with ash grammar', () => {
      expect(() => parseScript('a=(x)')).toThrow('syntax error: unexpected "("');
      expect(() => parseScript('echo ${a[0]}')).toThrow('syntax error: bad substitution');
      expect(() => parseScript('echo ${a,,}')).toThrow('syntax error: bad substitution');
      expect(() => parseScript('for ((;;)); do :; done')).toThrow('syntax error: bad for loop variable');
      expect(parseScript('[[ a == b ]]')[0].first.commands[0].type).toBe('simple');
      expect(parseScript('((1))')[0].first.commands[0]).toMatchObject({ type: 'group', body: [{ first: { commands: [{ type: 'group' }] } }] });
    });
  });
});
