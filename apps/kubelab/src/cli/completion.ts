/**
 * `kubelab completion bash|zsh`: a shell completion script made from the command tree, so a new
 * command or option completes without anyone touching this file. Pure: a tree in, a script out.
 */
import type { Command } from 'commander';

export const completionShells = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof completionShells)[number];

/** One command as completion sees it: its visible subcommands and its long and short options. */
export interface CompletionNode {
  name: string;
  summary: string;
  options: string[];
  commands: CompletionNode[];
}

/** The visible part of a commander tree (hidden commands still run, but are not offered). */
export function completionTree(cmd: Command): CompletionNode {
  const help = cmd.createHelp();
  return {
    name: cmd.name(),
    summary: cmd.summary() || cmd.description().split('\n')[0],
    options: help.visibleOptions(cmd).flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)),
    commands: help.visibleCommands(cmd).map(completionTree),
  };
}

interface Level {
  path: string;
  commands: CompletionNode[];
  options: string[];
}

function levels(node: CompletionNode, path: string[] = []): Level[] {
  const here = { path: path.join(' '), commands: node.commands, options: node.options };
  return [here, ...node.commands.flatMap((c) => levels(c, [...path, c.name]))];
}

const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The script for `shell`; it completes the program named at the tree's root. */
export function completionScript(shell: CompletionShell, tree: CompletionNode): string {
  const fn = `_${tree.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const all = levels(tree);
  // Both shells walk the words typed so far down the tree to the command being completed.
  const table = (what: (l: Level) => string[]) => all.map((l) => `    ${quoted(l.path)}) printf '%s\\n' ${quoted(what(l).join(' '))} ;;`).join('\n');
  const lookups = `${fn}_commands() {
  case "$1" in
${table((l) => l.commands.map((c) => c.name))}
  esac
}
${fn}_options() {
  case "$1" in
${table((l) => l.options)}
  esac
}
`;
  if (shell === 'bash') {
    return `# bash completion for ${tree.name}: source <(${tree.name} completion bash)
${lookups}${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ " $(${fn}_commands "$path") " == *" $word "* ]]; then path="\${path:+$path }$word"; fi
  done
  if [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(${fn}_options "$path")" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$(${fn}_commands "$path")" -- "$cur")
  fi
}
complete -o default -F ${fn} ${tree.name}
`;
  }
  const described = all
    .filter((l) => l.commands.length)
    .map((l) => `    ${quoted(l.path)}) described=(${l.commands.map((c) => quoted(`${c.name}:${c.summary.replaceAll(':', '\\:')}`)).join(' ')}) ;;`)
    .join('\n');
  return `#compdef ${tree.name}
# zsh completion for ${tree.name}: source <(${tree.name} completion zsh)
${lookups}${fn}() {
  local cmdpath="" word i
  local -a described flags
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if [[ " $(${fn}_commands "$cmdpath") " == *" $word "* ]]; then cmdpath="\${cmdpath:+$cmdpath }$word"; fi
  done
  if [[ "\${words[CURRENT]}" == -* ]]; then
    # Not "options": zsh keeps its own settings in that array.
    flags=(\${(s: :)"$(${fn}_options "$cmdpath")"})
    compadd -- $flags
    return
  fi
  case "$cmdpath" in
${described}
  esac
  if (( \${#described} )); then _describe command described; else _files; fi
}
compdef ${fn} ${tree.name}
`;
}
