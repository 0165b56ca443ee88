/**
 * The tree a parsed shell script becomes. It covers the POSIX sh subset that
 * Kubernetes manifests write in `command`/`args`: lists, && and ||, `!`, pipelines,
 * groups, subshells, if/while/until/for, redirections (here-documents too) and
 * word expansions; and, for `bash`, the bash features scripts in images with bash
 * lean on: indexed arrays, `[[ … ]]`, `(( … ))`, C-style `for`, functions,
 * `${var,,}`/`${var^^}` and `<<<` here-strings.
 */

/** Which grammar a script is read with: busybox ash's, or bash's additions on top. */
export type Dialect = 'sh' | 'bash';

/** A piece of a word, before expansion; `quoted` parts are neither split nor globbed. */
export type WordPart =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      /** `${#name}`: the length of the value instead of the value. */
      readonly length?: boolean;
      /** Bash `${name[index]}`: `@`, `*`, or an arithmetic expression. */
      readonly index?: string;
      /** The `${name<op>word}` operator: `-`, `:-`, `=`, `:=`, `+`, `:+`, `?`, `:?`; bash's case operators `,,`, `,`, `^^`, `^`. */
      readonly operator?: string;
      readonly argument?: Word;
      readonly quoted: boolean;
    }
  | { readonly kind: 'command'; readonly script: Script; readonly quoted: boolean }
  | { readonly kind: 'arithmetic'; readonly expression: string; readonly quoted: boolean };

/** One shell word, e.g. `"$HOME"/x` is a quoted parameter followed by the text `/x`. */
export type Word = readonly WordPart[];

/**
 * `[fd]>word`, `[fd]>>word`, `[fd]<word`, `[fd]>&fd` duplication, the here-documents
 * `[fd]<<delimiter` and `[fd]<<-delimiter` (both `<<` here), and bash's here-string `[fd]<<<word`.
 */
export interface Redirect {
  readonly fd: number;
  readonly operator: '>' | '>>' | '<' | '>&' | '<&' | '<<' | '<<<';
  /**
   * The word after the operator; for `<<`, the here-document's body instead: its lines up to the delimiter's (tabs
   * already stripped for `<<-`), one quoted text when the delimiter was quoted, else parts that expand as inside
   * double quotes.
   */
  readonly target: Word;
}

/** `NAME=value` in front of a command (or alone, setting a shell variable); bash adds `NAME+=value`, `NAME[i]=value` and `NAME=(words)`. */
export interface Assignment {
  readonly name: string;
  readonly value: Word;
  /** `+=`: appends to the string, or to the array. */
  readonly append?: boolean;
  /** `NAME[index]=value`: the element's arithmetic index. */
  readonly index?: string;
  /** `NAME=(a b c)`: the words of an array literal, expanded and split as arguments are. */
  readonly items?: readonly Word[];
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

/** Bash `for (( init; condition; update ))`: arithmetic expressions, an empty condition being true. */
export interface ArithmeticForCommand {
  readonly type: 'arithmetic-for';
  readonly init: string;
  readonly condition: string;
  readonly update: string;
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

/** Bash `(( expression ))`: status 0 when the expression is not zero. */
export interface ArithmeticCommand {
  readonly type: 'arithmetic';
  readonly expression: string;
  readonly redirects: readonly Redirect[];
}

/** What bash's `[[ … ]]` tests; its words are neither split nor globbed. */
export type TestExpression =
  | { readonly kind: 'and' | 'or'; readonly left: TestExpression; readonly right: TestExpression }
  | { readonly kind: 'not'; readonly operand: TestExpression }
  | { readonly kind: 'unary'; readonly operator: string; readonly operand: Word }
  /** `==`/`!=` match a glob pattern, `=~` an extended regular expression; the rest are test(1)'s. */
  | { readonly kind: 'binary'; readonly operator: string; readonly left: Word; readonly right: Word }
  | { readonly kind: 'word'; readonly word: Word };

/** Bash `[[ expression ]]`. */
export interface ConditionalCommand {
  readonly type: 'conditional';
  readonly expression: TestExpression;
  readonly redirects: readonly Redirect[];
}

/** Bash `name() { … }` or `function name { … }`: defines `name`, which then runs `body` with its own `$1`…. */
export interface FunctionDefinition {
  readonly type: 'function';
  readonly name: string;
  readonly body: Command;
  readonly redirects: readonly Redirect[];
}

/** Anything that can stand where a command stands. */
export type Command =
  | SimpleCommand
  | GroupCommand
  | IfCommand
  | LoopCommand
  | ForCommand
  | ArithmeticForCommand
  | ArithmeticCommand
  | ConditionalCommand
  | FunctionDefinition;

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
