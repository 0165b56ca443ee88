/**
 * `find [PATH]… [EXPRESSION]`: -name/-iname/-path, -type f|d|c, -maxdepth,
 * -mindepth, -empty, -newer, -mtime, -mmin (on the lab clock), -size, -print, -print0, -delete, `-exec … ;` and
 * `-exec … {} +`, joined by implicit -a, -o, ! and parentheses. Prints each
 * path as reached.
 */
import { complain, type CommandContext } from './command-context.js';
import { fnmatchRegex } from './fnmatch.js';
import { walk } from './file-tree.js';
import { fsFailure } from './fs-failure.js';

type Test = (path: string, shown: string) => Promise<boolean> | boolean;

class FindError extends Error {}

/** Walks each PATH and acts on the entries the expression selects. */
export async function find(context: CommandContext): Promise<number> {
  const args = [...context.args];
  const firstExpression = args.findIndex((arg) => arg.startsWith('-') || arg === '!' || arg === '(');
  const roots = firstExpression < 0 ? args : args.slice(0, firstExpression);
  const expression = firstExpression < 0 ? [] : args.slice(firstExpression);
  let maxDepth = Infinity;
  let minDepth = 0;
  let acted = false;
  let status = 0;
  const batches: (() => Promise<number>)[] = [];
  let test: Test;
  try {
    const parser = new ExpressionParser(context, expression, {
      depth: (which, value) => (which === 'max' ? (maxDepth = value) : (minDepth = value)),
      action: () => (acted = true),
      failed: () => (status = 1),
      atEnd: (run) => batches.push(run),
    });
    test = parser.parse();
  } catch (error) {
    if (error instanceof FindError) return complain(context, error.message);
    throw error;
  }
  for (const root of roots.length > 0 ? roots : ['.']) {
    const start = context.resolve(root);
    if (!context.fs.exists(start)) {
      status = complain(context, `${root}: No such file or directory`);
      continue;
    }
    const entries = [...walk(context.fs, start)].filter((entry) => entry.depth <= maxDepth && entry.depth >= minDepth);
    for (const entry of entries) {
      const shown = entry.depth === 0 ? root : `${root.replace(/\/+$/, '') || ''}${entry.path.slice(start === '/' ? 0 : start.length)}`;
      if (!context.fs.exists(entry.path)) continue;
      if ((await test(entry.path, shown)) && !acted) context.stdout(`${shown}\n`);
    }
  }
  for (const run of batches) if ((await run()) !== 0) status = 1;
  return status;
}

interface Hooks {
  depth(which: 'max' | 'min', value: number): void;
  action(): void;
  failed(): void;
  /** Registers work for after the walk (`-exec … {} +` runs once with every path). */
  atEnd(run: () => Promise<number>): void;
}

class ExpressionParser {
  private position = 0;

  constructor(
    private readonly context: CommandContext,
    private readonly tokens: readonly string[],
    private readonly hooks: Hooks,
  ) {}

  parse(): Test {
    if (this.tokens.length === 0) return () => true;
    const test = this.or();
    if (this.position < this.tokens.length) throw new FindError(`unrecognized: ${this.tokens[this.position]}`);
    return test;
  }

  private or(): Test {
    let left = this.and();
    while (this.tokens[this.position] === '-o' || this.tokens[this.position] === '-or') {
      this.position++;
      const first = left;
      const second = this.and();
      left = async (path, shown) => (await first(path, shown)) || second(path, shown);
    }
    return left;
  }

  private and(): Test {
    let left = this.not();
    for (let token = this.tokens[this.position]; token !== undefined && token !== '-o' && token !== '-or' && token !== ')'; token = this.tokens[this.position]) {
      if (token === '-a' || token === '-and') this.position++;
      const first = left;
      const second = this.not();
      left = async (path, shown) => (await first(path, shown)) && second(path, shown);
    }
    return left;
  }

  private not(): Test {
    const token = this.tokens[this.position];
    if (token === '!' || token === '-not') {
      this.position++;
      const inner = this.not();
      return async (path, shown) => !(await inner(path, shown));
    }
    if (token === '(') {
      this.position++;
      const inner = this.or();
      if (this.tokens[this.position++] !== ')') throw new FindError('unterminated (');
      return inner;
    }
    return this.primary();
  }

  private primary(): Test {
    const token = this.tokens[this.position++];
    const fs = this.context.fs;
    const name = (path: string) => path.slice(path.lastIndexOf('/') + 1) || '/';
    switch (token) {
      case '-name':
      case '-iname': {
        const pattern = fnmatchRegex(this.value(token), token === '-iname');
        return (path) => pattern.test(name(path));
      }
      case '-path':
      case '-wholename': {
        const pattern = fnmatchRegex(this.value(token));
        return (_path, shown) => pattern.test(shown);
      }
      case '-type': {
        const type = this.value(token);
        const kind = { f: 'file', d: 'dir', c: 'device' }[type];
        if (!kind) throw new FindError(`bad arg '${type}' to -type`);
        return (path) => fs.stat(path)?.kind === kind;
      }
      case '-maxdepth':
      case '-mindepth': {
        const value = this.value(token);
        if (!/^\d+$/.test(value)) throw new FindError(`invalid number '${value}'`);
        this.hooks.depth(token === '-maxdepth' ? 'max' : 'min', Number(value));
        return () => true;
      }
      case '-mtime':
      case '-mmin': {
        const value = this.value(token);
        const match = /^([+-]?)(\d+)$/.exec(value);
        if (!match) throw new FindError(`invalid argument '${value}' to '${token}'`);
        const unit = token === '-mtime' ? 86_400_000 : 60_000;
        const now = this.context.runtime.now().getTime();
        return (path) => {
          const age = Math.floor((now - (fs.stat(path)?.modified.getTime() ?? now)) / unit);
          return match[1] === '+' ? age > Number(match[2]) : match[1] === '-' ? age < Number(match[2]) : age === Number(match[2]);
        };
      }
      case '-empty':
        return (path) => (fs.isDir(path) ? fs.list(path).length === 0 : (fs.stat(path)?.size ?? 0) === 0);
      case '-newer': {
        const reference = this.value(token);
        const stat = fs.stat(this.context.resolve(reference));
        if (!stat) throw new FindError(`${reference}: No such file or directory`);
        return (path) => (fs.stat(path)?.modified.getTime() ?? 0) > stat.modified.getTime();
      }
      case '-size': {
        const value = this.value(token);
        const match = /^([+-]?)(\d+)([ckMGbw]?)$/.exec(value);
        if (!match) throw new FindError(`invalid argument '${value}' to '-size'`);
        const unit = { c: 1, w: 2, k: 1024, M: 1024 ** 2, G: 1024 ** 3, b: 512, '': 512 }[match[3]]!;
        return (path) => {
          const size = Math.ceil((fs.stat(path)?.size ?? 0) / unit);
          return match[1] === '+' ? size > Number(match[2]) : match[1] === '-' ? size < Number(match[2]) : size === Number(match[2]);
        };
      }
      case '-print':
      case '-print0': {
        this.hooks.action();
        const end = token === '-print' ? '\n' : '\0';
        return (_path, shown) => {
          this.context.stdout(`${shown}${end}`);
          return true;
        };
      }
      case '-delete':
        this.hooks.action();
        return (path, shown) => {
          try {
            fs.remove(path, { recursive: true });
            return true;
          } catch (error) {
            complain(this.context, `${shown}: ${fsFailure(error)}`);
            this.hooks.failed();
            return false;
          }
        };
      case '-exec':
        return this.exec();
      case '-true':
        return () => true;
      case '-false':
        return () => false;
      default:
        throw new FindError(token === undefined ? 'missing argument' : `unrecognized: ${token}`);
    }
  }

  private exec(): Test {
    this.hooks.action();
    const command: string[] = [];
    let token = this.tokens[this.position++];
    for (; token !== ';' && !(token === '+' && command[command.length - 1] === '{}'); token = this.tokens[this.position++]) {
      if (token === undefined) throw new FindError("-exec CMD must end by ';' or '+'");
      command.push(token);
    }
    if (command.length === 0) throw new FindError("-exec CMD must end by ';' or '+'");
    if (token === ';') return async (_path, shown) => (await this.context.exec(command.map((word) => word.replaceAll('{}', shown)), this.context.env)) === 0;
    const paths: string[] = [];
    this.hooks.atEnd(async () => (paths.length === 0 ? 0 : this.context.exec([...command.slice(0, -1), ...paths], this.context.env)));
    return (_path, shown) => {
      paths.push(shown);
      return true;
    };
  }

  private value(option: string): string {
    const value = this.tokens[this.position++];
    if (value === undefined) throw new FindError(`${option}: requires an argument`);
    return value;
  }
}
