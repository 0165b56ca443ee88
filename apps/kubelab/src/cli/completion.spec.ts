import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { completionScript, completionTree } from './completion.js';

function tree() {
  const program = new Command('tool').helpCommand(false);
  program.command('up').summary('start it').option('--data-dir <DIR>').option('-o, --output <FORMAT>');
  const group = program.command('group').summary("the group's: commands").helpCommand(false);
  group.command('leaf').description('a leaf\nsecond line').option('--signal <S>');
  program.addCommand(new Command('secret'), { hidden: true });
  return program;
}

describe('completionTree', () => {
  it('takes the visible commands, their long and short options and one-line summaries', () => {
    const t = completionTree(tree());
    expect(t.commands.map((c) => c.name)).toEqual(['up', 'group']);
    expect(t.commands[0].options).toEqual(['--data-dir', '--output', '-o', '--help', '-h']);
    expect(t.commands[1].commands[0]).toMatchObject({ name: 'leaf', summary: 'a leaf', options: ['--signal', '--help', '-h'] });
  });
});

describe('completionScript', () => {
  it('bash: one case per command path, offering its subcommands and its options', () => {
    const script = completionScript('bash', completionTree(tree()));
    expect(script).toContain(`    '') printf '%s\\n' 'up group' ;;`);
    expect(script).toContain(`    'group') printf '%s\\n' 'leaf' ;;`);
    expect(script).toContain(`    'group leaf') printf '%s\\n' '--signal --help -h' ;;`);
    expect(script).toContain('complete -o default -F _tool tool');
    expect(script).not.toContain('secret');
  });

  it('zsh: subcommands with their summaries, quotes and colons escaped', () => {
    const script = completionScript('zsh', completionTree(tree()));
    expect(script.split('\n')[0]).toBe('#compdef tool');
    expect(script).toContain(`    '') described=('up:start it' 'group:the group'\\''s\\: commands') ;;`);
    expect(script).toContain('compdef _tool tool');
  });
});
