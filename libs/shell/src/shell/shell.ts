/**
 * The interpreter: runs a parsed script against the shell's variables,
 * working directory and options, dispatching each command to a special
 * builtin, a nested shell, a utility, or "not found". Every command first
 * passes `Runtime.beforeCommand`, which is where a kill or a runaway loop
 * stops the script.
 */
import { isKnownCommand } from '../commands/known-command.js';
import { UTILITIES } from '../commands/utilities.js';
import { FsError } from '../fs/fs-error.js';
import type { MemoryFs } from '../fs/memory-fs.js';
import { RootedFs } from '../fs/rooted-fs.js';
import { baseName, resolvePath } from '../fs/path.js';
import { BrokenPipe, Pipe } from '../io/pipe.js';
import { ProcessKilled, RunawayProcess, type Runtime } from '../process/runtime.js';
import type { AndOrList, ArithmeticForCommand, Assignment, Command, Dialect, ForCommand, IfCommand, LoopCommand, Pipeline, Redirect, Script, SimpleCommand } from '../syntax/ast.js';
import type { UnterminatedHereDocument } from '../syntax/lexer.js';
import { parseSource } from '../syntax/parser.js';
import { ShellSyntaxError } from '../syntax/syntax-error.js';
import { BASH_BUILTINS } from './bash-builtins.js';
import { ExitRequest, LoopControl, ReturnRequest } from './control-flow.js';
import { evaluateConditional, type ConditionalScope } from './conditional.js';
import { ExpansionError, arithmetic, expandWord, expandWords } from './expand.js';
import { RedirectError, applyRedirects } from './redirects.js';
import { parseShArguments } from './sh-arguments.js';
import { flagLetters, type ShellFlags } from './shell-flags.js';
import { SHELL_NAMES } from './shell-names.js';
import type { ShellState } from './shell-state.js';
import { SPECIAL_BUILTINS } from './special-builtins.js';
import type { Sink, Streams } from './streams.js';
import { callUtility, type ContextBase } from './utility-call.js';

/** How a shell starts: who it is, its arguments, environment, directory and options. */
export interface ShellInit {
  /** `sh` or `bash`: prefixes the shell's error messages. */
  readonly program: string;
  /** `$0`. */
  readonly name: string;
  readonly positional: readonly string[];
  /** The inherited environment; every entry starts exported. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly flags: ShellFlags;
}

/** A variable as it was before `local` hid it. */
interface SavedVariable {
  readonly value: string | undefined;
  readonly array: (string | undefined)[] | undefined;
  readonly exported: boolean;
}

/** Where a command name was looked up, which decides the "not found" message. */
type Lookup = 'shell' | 'exec' | 'env';

const NOT_FOUND_STATUS = 127;
const SYNTAX_ERROR_STATUS = 2;
/** 128 + SIGPIPE: a pipeline stage that wrote after its reader had finished. */
const BROKEN_PIPE_STATUS = 141;
/** A line that ends inside a quote, a compound command, after `&&`/`|`, or with a backslash. */
const INCOMPLETE = /^syntax error: (unexpected end of file|unterminated quoted string)/;

/** What `parseChunk` makes of the lines read so far; a script's `unterminated` here-documents are those the end of input cut short. */
export type ParsedChunk =
  | { readonly kind: 'script'; readonly script: Script; readonly unterminated: readonly UnterminatedHereDocument[] }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Parses lines read from stdin or a terminal: a script, more lines needed, or a syntax error. A here-document
 * still waiting for its delimiter needs more lines too, until the input has `ended`: then its body ends there.
 */
export function parseChunk(source: string, dialect: Dialect = 'sh', ended = false): ParsedChunk {
  if (!ended && /(^|[^\\])(\\\\)*\\\n$/.test(source)) return { kind: 'incomplete' };
  try {
    const { script, unterminated } = parseSource(source, dialect);
    return unterminated.length > 0 && !ended ? { kind: 'incomplete' } : { kind: 'script', script, unterminated };
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return INCOMPLETE.test(error.message) && !ended ? { kind: 'incomplete' } : { kind: 'error', message: error.message };
  }
}

/** One shell process (or subshell) running scripts. */
export class Shell implements ConditionalScope, ShellState {
  readonly program: string;
  /** `bash` reads bash's grammar; every other name busybox ash's. */
  readonly dialect: Dialect;
  readonly flags: ShellFlags;
  cwd: string;
  positional: string[];
  status = 0;
  loopDepth = 0;
  private readonly name: string;
  private readonly variables = new Map<string, string>();
  /** Bash's indexed arrays, sparse; a name is either here or in `variables`. */
  private readonly arrays = new Map<string, (string | undefined)[]>();
  /** Bash functions by name. */
  private readonly functions = new Map<string, Command>();
  /** One per running function call: what its `local` names held before, restored when it returns. */
  private readonly frames: Map<string, SavedVariable>[] = [];
  private readonly exported = new Set<string>();
  private lastSubstitutionStatus: number | undefined;
  private streams: Streams | undefined;

  constructor(
    readonly runtime: Runtime,
    init: ShellInit,
  ) {
    this.program = init.program;
    this.dialect = init.program === 'bash' ? 'bash' : 'sh';
    this.name = init.name;
    this.positional = [...init.positional];
    this.cwd = init.cwd;
    this.flags = { ...init.flags };
    for (const [name, value] of Object.entries(init.env)) {
      this.variables.set(name, value);
      this.exported.add(name);
    }
  }

  /** Parses and runs `source`; a syntax error prints `sh: syntax error: …` and yields 2. */
  async runSource(source: string, streams: Streams): Promise<number> {
    const script = this.parse(source, streams);
    return script ? this.runScript(script, streams) : SYNTAX_ERROR_STATUS;
  }

  /**
   * `sh` with no script: reads commands from stdin and runs each as soon as its
   * lines are complete, as a shell fed through a pipe does, so a command runs
   * before the rest of the input has arrived (and `read` gets the next line).
   * The end of input ends what is still open, or is a syntax error.
   */
  async runStdin(streams: Streams): Promise<number> {
    let pending = '';
    let firstLine = 1;
    for (;;) {
      const line = await this.readLine(streams.stdin);
      if (line === undefined && pending === '') return this.status;
      pending += line ?? '';
      const chunk = parseChunk(pending, this.dialect, line === undefined);
      if (chunk.kind === 'incomplete') continue;
      if (chunk.kind === 'error') return this.syntaxError(chunk.message, streams.stderr);
      this.warnUnterminated(chunk.unterminated, firstLine, streams.stderr);
      const outcome = await this.runChunk(chunk.script, streams);
      if (outcome !== undefined) return outcome;
      if (line === undefined) return this.status;
      firstLine += pending.split('\n').length - 1;
      pending = '';
    }
  }

  /**
   * Runs one command line typed at an interactive prompt: errors and Ctrl-C
   * end the line, not the shell. Resolves the status to exit with after
   * `exit`, otherwise undefined.
   */
  async runInteractive(script: Script, streams: Streams): Promise<number | undefined> {
    try {
      await this.executeList(script, streams, false);
      return undefined;
    } catch (error) {
      if (error instanceof ExitRequest) return error.status;
      if (error instanceof ExpansionError) {
        streams.stderr(`${this.program}: ${error.message}\n`);
        this.status = error.status;
        return undefined;
      }
      if (error instanceof ProcessKilled && this.runtime.interrupted) {
        this.status = error.exitCode;
        return undefined;
      }
      if (error instanceof RunawayProcess) {
        streams.stderr(`${this.program}: ${error.message}\n`);
        this.status = 1;
        return undefined;
      }
      throw error;
    } finally {
      this.runtime.backAtPrompt();
    }
  }

  /**
   * Bash's warning for each here-document the input ended before its delimiter
   * (ash says nothing); `firstLine` is the line of the whole input the parsed source began on.
   */
  warnUnterminated(unterminated: readonly UnterminatedHereDocument[], firstLine: number, stderr: Sink): void {
    if (this.dialect !== 'bash') return;
    for (const { line, delimiter } of unterminated) {
      stderr(`${this.program}: warning: here-document at line ${firstLine + line - 1} delimited by end-of-file (wanted \`${delimiter}')\n`);
    }
  }

  /** Prints `sh: syntax error: …` and returns 2. */
  syntaxError(message: string, stderr: Sink): number {
    stderr(`${this.program}: ${message}\n`);
    this.status = SYNTAX_ERROR_STATUS;
    return SYNTAX_ERROR_STATUS;
  }

  /** Runs a parsed script to its end or its `exit`, resolving the exit status. */
  async runScript(script: Script, streams: Streams): Promise<number> {
    return (await this.runChunk(script, streams)) ?? this.status;
  }

  /** Starts `argv` the way a container runtime execs it: no shell builtins, `exec: NAME: not found`. */
  runArgv(argv: readonly string[], streams: Streams): Promise<number> {
    return this.dispatch(argv, this.environment(), streams, 'exec');
  }

  get nounset(): boolean {
    return this.flags.nounset;
  }

  get fs(): MemoryFs {
    return this.runtime.fs;
  }

  get(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.positional.length);
      case '@':
      case '*':
        return this.positional.join(' ');
      case '$':
        return String(this.runtime.pid);
      case '!':
        return '';
      case '-':
        return flagLetters(this.flags);
      case '0':
        return this.name;
    }
    return /^\d+$/.test(name) ? this.positional[Number(name) - 1] : (this.variables.get(name) ?? this.arrays.get(name)?.[0]);
  }

  set(name: string, value: string): void {
    const array = this.arrays.get(name);
    if (array) array[0] = value;
    else this.variables.set(name, value);
  }

  unset(name: string): void {
    this.variables.delete(name);
    this.arrays.delete(name);
    this.exported.delete(name);
  }

  elements(name: string): readonly (string | undefined)[] | undefined {
    const array = this.arrays.get(name);
    if (array) return array;
    const value = this.get(name);
    return value === undefined ? undefined : [value];
  }

  get inFunction(): boolean {
    return this.frames.length > 0;
  }

  declareLocal(name: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame.has(name)) frame.set(name, { value: this.variables.get(name), array: this.arrays.get(name), exported: this.exported.has(name) });
    this.variables.delete(name);
    this.arrays.delete(name);
  }

  setArray(name: string, values: readonly string[]): void {
    this.variables.delete(name);
    this.arrays.set(name, [...values]);
  }

  export(name: string): void {
    this.exported.add(name);
  }

  listVariables(): [string, string, boolean][] {
    return [...this.variables.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => [name, value, this.exported.has(name)]);
  }

  isDirectory(path: string): boolean {
    return this.fs.isDir(path);
  }

  resolve(path: string): string {
    return resolvePath(path, this.cwd);
  }

  async evaluate(source: string, streams: Streams): Promise<number> {
    const script = this.parse(source, streams);
    return script ? this.runtime.nested(() => this.executeList(script, streams, false)) : 2;
  }

  runCommand(argv: readonly string[], streams: Streams): Promise<number> {
    return this.dispatch(argv, this.environment(), streams, 'shell');
  }

  readLine(stdin: Pipe): Promise<string | undefined> {
    return this.runtime.untilKilled(stdin.readLine());
  }

  async substitute(script: Script): Promise<string> {
    let output = '';
    const streams = this.streams;
    const capture: Streams = { stdin: streams?.stdin ?? Pipe.of(''), stdout: (bytes) => (output += bytes), stderr: (bytes) => streams?.stderr(bytes) };
    this.lastSubstitutionStatus = await this.runtime.nested(() => this.fork().runScript(script, capture));
    return output;
  }

  /** Runs `script`; resolves the status when it ended the shell (`exit`, a fatal expansion error), else undefined. */
  private async runChunk(script: Script, streams: Streams): Promise<number | undefined> {
    try {
      await this.executeList(script, streams, false);
      return undefined;
    } catch (error) {
      if (error instanceof ExitRequest) return error.status;
      if (error instanceof ExpansionError) {
        streams.stderr(`${this.program}: ${error.message}\n`);
        return error.status;
      }
      throw error;
    }
  }

  private parse(source: string, streams: Streams): Script | undefined {
    try {
      const { script, unterminated } = parseSource(source, this.dialect);
      this.warnUnterminated(unterminated, 1, streams.stderr);
      return script;
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      streams.stderr(`${this.program}: ${error.message}\n`);
      return undefined;
    }
  }

  private async executeList(script: Script, streams: Streams, condition: boolean): Promise<number> {
    for (const item of script) await this.executeAndOr(item, streams, condition);
    return this.status;
  }

  /** `condition`: the status is being tested (if/while/&&/||/!), so `set -e` must not exit. */
  private async executeAndOr(list: AndOrList, streams: Streams, condition: boolean): Promise<void> {
    let status = await this.executePipeline(list.first, streams, condition || list.rest.length > 0);
    let last: Pipeline | undefined = list.rest.length === 0 ? list.first : undefined;
    for (const [index, { operator, pipeline }] of list.rest.entries()) {
      if ((operator === '&&') !== (status === 0)) continue;
      const isLast = index === list.rest.length - 1;
      status = await this.executePipeline(pipeline, streams, condition || !isLast);
      if (isLast) last = pipeline;
    }
    if (this.flags.errexit && !condition && status !== 0 && last && !last.negated) throw new ExitRequest(status);
  }

  private async executePipeline(pipeline: Pipeline, streams: Streams, condition: boolean): Promise<number> {
    const [only, ...more] = pipeline.commands;
    const status = more.length === 0 ? await this.executeCommand(only, streams, condition || pipeline.negated) : await this.executeStages(pipeline.commands, streams);
    this.status = pipeline.negated ? Number(status === 0) : status;
    return this.status;
  }

  /**
   * `a | b | c`: each stage runs concurrently in its own subshell, joined by
   * bounded pipes. A stage that fills its pipe waits for the reader; a stage
   * whose reader has finished gets a broken pipe (status 141), so an endless
   * producer stops once the consumer is done. The status is the last stage's.
   */
  private async executeStages(commands: readonly Command[], streams: Streams): Promise<number> {
    await this.runtime.beforeCommand();
    const pipes = commands.slice(1).map(() => new Pipe());
    const stages = commands.map(async (command, index) => {
      const input = index === 0 ? streams.stdin : pipes[index - 1];
      const output = pipes[index] as Pipe | undefined;
      const runtime = output ? this.runtime.forStage(() => output.whenWritable()) : this.runtime;
      const stageStreams: Streams = { stdin: input, stdout: output ? (bytes) => output.write(bytes) : streams.stdout, stderr: streams.stderr, ...(streams.tty ? { tty: streams.tty } : {}) };
      try {
        return await this.runtime.nested(() => this.fork(runtime).runScript([{ first: { negated: false, commands: [command] }, rest: [] }], stageStreams));
      } catch (error) {
        if (error instanceof BrokenPipe) return BROKEN_PIPE_STATUS;
        throw error;
      } finally {
        output?.close();
        if (index > 0) input.cancel();
      }
    });
    const outcomes = await Promise.allSettled(stages);
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const last = outcomes[outcomes.length - 1];
    return last.status === 'fulfilled' ? last.value : 1;
  }

  private async executeCommand(command: Command, streams: Streams, condition: boolean): Promise<number> {
    await this.runtime.beforeCommand();
    this.streams = streams;
    if (command.type === 'simple') return this.executeSimple(command, streams);
    const redirected = await this.redirect(command.redirects, streams);
    if (!redirected) return 1;
    switch (command.type) {
      case 'group':
        if (!command.subshell) return this.executeList(command.body, redirected, condition);
        return this.runtime.nested(() => this.fork().runScript(command.body, redirected));
      case 'if':
        return this.executeIf(command, redirected, condition);
      case 'loop':
        return this.executeLoop(command, redirected, condition);
      case 'for':
        return this.executeFor(command, redirected, condition);
      case 'arithmetic-for':
        return this.executeArithmeticFor(command, redirected, condition);
      case 'arithmetic':
        return this.arithmeticStatus(command.expression, redirected);
      case 'conditional':
        return evaluateConditional(command.expression, this, (args) => this.dispatch(['test', ...args], this.environment(), redirected, 'exec'));
      case 'function':
        this.functions.set(command.name, command.body);
        return 0;
    }
  }

  /** Runs a function's body with `args` as `$1`…; `return` ends it, `local` names get their old values back. */
  private async callFunction(body: Command, args: readonly string[], streams: Streams): Promise<number> {
    const positional = this.positional;
    this.positional = [...args];
    this.frames.push(new Map());
    try {
      return await this.runtime.nested(() => this.executeCommand(body, streams, false));
    } catch (error) {
      if (error instanceof ReturnRequest) return error.status;
      throw error;
    } finally {
      this.positional = positional;
      for (const [name, saved] of this.frames.pop()!) this.restore(name, saved);
    }
  }

  private restore(name: string, saved: SavedVariable): void {
    this.variables.delete(name);
    this.arrays.delete(name);
    if (saved.value !== undefined) this.variables.set(name, saved.value);
    if (saved.array !== undefined) this.arrays.set(name, saved.array);
    if (saved.exported) this.exported.add(name);
    else this.exported.delete(name);
  }

  /** `(( expression ))`: 0 when it is not zero; an error prints `bash: ((: …` and yields 1. */
  private arithmeticStatus(expression: string, streams: Streams): number {
    try {
      return Number(arithmetic(expression, this) === 0);
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      streams.stderr(`${this.program}: ((: ${expression.trim()}: ${error.message}\n`);
      return 1;
    }
  }

  private async executeSimple(command: SimpleCommand, streams: Streams): Promise<number> {
    this.lastSubstitutionStatus = undefined;
    const argv = await expandWords(command.words, this);
    if (argv.length === 0 && this.dialect === 'bash') {
      for (const assignment of command.assignments) await this.assign(assignment);
      const redirected = await this.redirect(command.redirects, streams);
      return redirected ? (this.lastSubstitutionStatus ?? 0) : 1;
    }
    const assignments: [string, string][] = [];
    for (const { name, value } of command.assignments) assignments.push([name, await expandWord(value, this)]);
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.set(name, value);
      const redirected = await this.redirect(command.redirects, streams);
      return redirected ? (this.lastSubstitutionStatus ?? 0) : 1;
    }
    const redirected = await this.redirect(command.redirects, streams);
    if (!redirected) return 1;
    if (this.flags.xtrace) streams.stderr(`+ ${[...assignments.map(([name, value]) => `${name}=${value}`), ...argv].join(' ')}\n`);
    const special = SPECIAL_BUILTINS.get(argv[0]);
    if (special && assignments.length > 0) return this.withAssignments(assignments, () => special(this, argv.slice(1), redirected));
    return this.dispatch(argv, { ...this.environment(), ...Object.fromEntries(assignments) }, redirected, 'shell');
  }

  /** Bash's assignment forms: `a=(x y)`, `a+=(z)`, `a[i]=v`, `s+=more` and plain `s=v`. */
  private async assign(assignment: Assignment): Promise<void> {
    const { name, items, index, append } = assignment;
    if (items) {
      const values = await expandWords(items, this);
      const existing = append ? (this.elements(name) ?? []) : [];
      this.setArray(name, [...existing.filter((value): value is string => value !== undefined), ...values]);
      return;
    }
    const value = await expandWord(assignment.value, this);
    if (index === undefined) {
      this.set(name, append ? (this.get(name) ?? '') + value : value);
      return;
    }
    const array = this.arrays.get(name) ?? [...(this.elements(name) ?? [])];
    const position = arithmetic(index, this);
    const at = position < 0 ? array.length + position : position;
    if (at < 0) throw new ExpansionError(`${name}[${index}]: bad array subscript`, 1);
    array[at] = append ? (array[at] ?? '') + value : value;
    this.variables.delete(name);
    this.arrays.set(name, array);
  }

  /** `IFS=: read a b`: a builtin sees its prefix assignments as shell variables, which are restored afterwards. */
  private async withAssignments(assignments: readonly [string, string][], run: () => number | Promise<number>): Promise<number> {
    const saved = assignments.map(([name]) => [name, this.variables.get(name)] as const);
    for (const [name, value] of assignments) this.variables.set(name, value);
    try {
      return await run();
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) this.variables.delete(name);
        else this.variables.set(name, value);
      }
    }
  }

  private async executeIf(command: IfCommand, streams: Streams, condition: boolean): Promise<number> {
    for (const branch of command.branches) {
      if ((await this.executeList(branch.condition, streams, true)) === 0) return this.executeList(branch.body, streams, condition);
    }
    return command.otherwise ? this.executeList(command.otherwise, streams, condition) : 0;
  }

  private async executeLoop(loop: LoopCommand, streams: Streams, condition: boolean): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      while ((await this.executeList(loop.condition, streams, true)) === 0 !== loop.until) {
        const outcome = await this.executeLoopBody(loop.body, streams, condition);
        status = outcome === 'break' ? 0 : this.status;
        if (outcome === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async executeFor(loop: ForCommand, streams: Streams, condition: boolean): Promise<number> {
    const items = loop.items ? await expandWords(loop.items, this) : [...this.positional];
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        this.set(loop.name, item);
        const outcome = await this.executeLoopBody(loop.body, streams, condition);
        status = outcome === 'break' ? 0 : this.status;
        if (outcome === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  /** `for (( init; condition; update ))`: the condition checked before each pass, the update after it. */
  private async executeArithmeticFor(loop: ArithmeticForCommand, streams: Streams, condition: boolean): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      if (loop.init !== '') arithmetic(loop.init, this);
      while (loop.condition === '' || arithmetic(loop.condition, this) !== 0) {
        const outcome = await this.executeLoopBody(loop.body, streams, condition);
        status = outcome === 'break' ? 0 : this.status;
        if (outcome === 'break') break;
        if (loop.update !== '') arithmetic(loop.update, this);
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  /** Runs one iteration; `break N`/`continue N` aimed further out are passed on with one level fewer. */
  private async executeLoopBody(body: Script, streams: Streams, condition: boolean): Promise<'next' | 'break' | 'continue'> {
    try {
      await this.executeList(body, streams, condition);
      return 'next';
    } catch (error) {
      if (!(error instanceof LoopControl)) throw error;
      if (error.levels > 1) throw new LoopControl(error.kind, error.levels - 1);
      return error.kind;
    }
  }

  private async redirect(redirects: readonly Redirect[], streams: Streams): Promise<Streams | undefined> {
    if (redirects.length === 0) return streams;
    try {
      return await applyRedirects(redirects, streams, (word) => expandWord(word, this), this.fs, this.cwd);
    } catch (error) {
      if (!(error instanceof RedirectError)) throw error;
      streams.stderr(`${this.program}: ${error.message}\n`);
      return undefined;
    }
  }

  private async dispatch(argv: readonly string[], env: Record<string, string>, streams: Streams, lookup: Lookup): Promise<number> {
    const [name, ...args] = argv;
    const special = lookup === 'shell' ? SPECIAL_BUILTINS.get(name) : undefined;
    if (special) return special(this, args, streams);
    const defined = lookup === 'shell' ? this.functions.get(name) : undefined;
    if (defined) return this.callFunction(defined, args, streams);
    const bashBuiltin = lookup === 'shell' && this.dialect === 'bash' ? BASH_BUILTINS.get(name) : undefined;
    if (bashBuiltin) return bashBuiltin(this, args, streams);
    const command = name.includes('/') ? baseName(name) : name;
    const installed = this.installed(command, lookup);
    if (SHELL_NAMES.has(command) && installed) return this.spawnShell(command, args, env, streams);
    const utility = installed ? UTILITIES.get(command) : undefined;
    if (utility) return callUtility(utility, this.commandContext(command, args, env, streams), streams, this.runtime);
    if (name.includes('/') && this.fs.isFile(this.resolve(name))) return this.spawnShell('sh', argv, env, streams);
    streams.stderr(`${notFoundMessage(this.program, name, lookup)}\n`);
    return NOT_FOUND_STATUS;
  }

  /**
   * Whether the image has `command`: a builtin of the shell always (echo, test, kill… run without their binaries),
   * any other program only when the image holds it (nginx's Debian image has no ps).
   */
  private installed(command: string, lookup: Lookup): boolean {
    return (lookup === 'shell' && SHELL_BUILTIN_UTILITIES.has(command)) || this.runtime.hasProgram(command);
  }

  private async spawnShell(program: string, args: readonly string[], env: Record<string, string>, streams: Streams): Promise<number> {
    const invocation = parseShArguments(program, args);
    if (invocation.kind === 'error') {
      streams.stderr(`${program}: ${invocation.message}\n`);
      return 2;
    }
    const spawn = (name: string, positional: readonly string[]) =>
      new Shell(this.runtime, { program, name, positional, env, cwd: this.cwd, flags: invocation.flags });
    if (invocation.kind === 'stdin') return this.runtime.nested(() => spawn(program, []).runStdin(streams));
    if (invocation.kind === 'script') return this.runtime.nested(() => spawn(invocation.name, invocation.positional).runSource(invocation.source, streams));
    let source: string;
    try {
      source = this.fs.read(this.resolve(invocation.path));
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      streams.stderr(`${program}: can't open '${invocation.path}': ${error.message}\n`);
      return SYNTAX_ERROR_STATUS;
    }
    return this.runtime.nested(() => spawn(invocation.path, invocation.positional).runSource(source, streams));
  }

  private commandContext(name: string, args: readonly string[], env: Record<string, string>, streams: Streams): ContextBase {
    const resolve = (path: string) => this.resolve(path);
    return {
      name,
      args,
      env,
      cwd: this.cwd,
      fs: this.fs,
      runtime: this.runtime,
      resolve,
      exec: (argv, environment) => this.dispatch(argv, { ...environment }, streams, 'env'),
      execRooted: (root, argv, environment) => {
        const rooted = this.fork(this.runtime.rootedAt(new RootedFs(this.fs, root)));
        rooted.cwd = '/';
        return rooted.dispatch(argv, { ...environment }, streams, 'env');
      },
      isCommand: (command, root) => {
        if (root !== undefined) return isKnownCommand({ fs: new RootedFs(this.fs, root), resolve: (path) => resolvePath(path, '/') }, command);
        return isKnownCommand({ fs: this.fs, resolve }, command) && (this.runtime.hasProgram(baseName(command)) || this.fs.isFile(resolve(command)));
      },
    };
  }

  /** The exported variables, which child commands receive as their environment. */
  private environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) {
      const value = this.variables.get(name);
      if (value !== undefined) env[name] = value;
    }
    return env;
  }

  private fork(runtime = this.runtime): Shell {
    const child = new Shell(runtime, {
      program: this.program,
      name: this.name,
      positional: this.positional,
      env: {},
      cwd: this.cwd,
      flags: this.flags,
    });
    for (const [name, value] of this.variables) child.variables.set(name, value);
    for (const [name, values] of this.arrays) child.arrays.set(name, [...values]);
    for (const [name, body] of this.functions) child.functions.set(name, body);
    child.frames.push(...this.frames.map((frame) => new Map(frame)));
    for (const name of this.exported) child.exported.add(name);
    child.status = this.status;
    return child;
  }
}

/** The utilities every sh and bash also has as builtins, so they run in an image without their binaries. */
const SHELL_BUILTIN_UTILITIES: ReadonlySet<string> = new Set([':', 'true', 'false', 'test', '[', 'echo', 'printf', 'pwd', 'kill']);

function notFoundMessage(program: string, name: string, lookup: Lookup): string {
  if (lookup === 'exec') return `exec: ${name}: not found`;
  if (lookup === 'env') return `env: can't execute '${name}': No such file or directory`;
  return `${program}: ${name}: not found`;
}
