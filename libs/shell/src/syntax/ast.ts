/**
 * The tree a parsed shell script becomes. It covers the POSIX sh subset that
 * Kubernetes manifests write in `command`/`args`: lists, && and ||, `!`, pipelines,
 * groups, subshells, if/while/until/for, redirections and word expansions.
 */

/** A piece of a word, before expansion; `quoted` parts are neither split nor globbed. */
export type WordPart =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      /** `${#name}`: the length of the value instead of the value. */
      readonly length?: boolean;
      /** The `${name<op>word}` operator: `-`, `:-`, `=`, `:=`, `+`, `:+`, `?`, `:?`. */
      readonly operator?: string;
      readonly argument?: Word;
      readonly quoted: boolean;
    }
  | { readonly kind: 'command'; readonly script: Script; readonly quoted: boolean }
  | { readonly kind: 'arithmetic'; readonly expression: string; readonly quoted: boolean };

/** One shell word, e.g. `"$HOME"/x` is a quoted parameter followed by the text `/x`. */
export type Word = readonly WordPart[];

/** `[fd]>word`, `[fd]>>word`, `[fd]<word`, and `[fd]>&fd` duplication. */
export interface Redirect {
  readonly fd: number;
  readonly operator: '>' | '>>' | '<' | '>&' | '<&';
  readonly target: Word;
}

/** `NAME=value` in front of a command (or alone, setting a shell variable). */
export interface Assignment {
  readonly name: string;
  readonly value: Word;
}

/** Words to expand and run, with their prefix assignments and redirections. */
export interface SimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

/** `{ list; }` (same shell) or `( list )` (a copy of the shell whose changes vanish). */
export interface GroupCommand {
  readonly type: 'group';
  readonly subshell: boolean;
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

/** `if … then … elif … then … else … fi`. */
export interface IfCommand {
  readonly type: 'if';
  readonly branches: readonly { readonly condition: Script; readonly body: Script }[];
  readonly otherwise?: Script;
  readonly redirects: readonly Redirect[];
}

/** `while cond; do body; done` and `until cond; do body; done`. */
export interface LoopCommand {
  readonly type: 'loop';
  readonly until: boolean;
  readonly condition: Script;
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

/** `for name in words; do body; done` (no `in`: the positional parameters). */
export interface ForCommand {
  readonly type: 'for';
  readonly name: string;
  readonly items?: readonly Word[];
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

/** Anything that can stand where a command stands. */
export type Command = SimpleCommand | GroupCommand | IfCommand | LoopCommand | ForCommand;

/** `a | b | c`: commands whose output feeds the next one's input, possibly negated with `!`. */
export interface Pipeline {
  readonly negated: boolean;
  /** At least one; the pipeline's status is the last one's. */
  readonly commands: readonly Command[];
}

/** `a && b || c`: the first pipeline, then each later one with the operator before it. */
export interface AndOrList {
  readonly first: Pipeline;
  readonly rest: readonly { readonly operator: '&&' | '||'; readonly pipeline: Pipeline }[];
}

/** A sequence of and-or lists separated by `;` or newlines. */
export type Script = readonly AndOrList[];
