/**
 * Runs a parsed awk program over input records: fields split by FS (a blank
 * FS splits on runs of blanks, one character literally, longer ones as a
 * regexp), NR/NF/FNR/FILENAME, OFS/ORS/OFMT/CONVFMT/SUBSEP, associative
 * arrays and the string and math builtins.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import { cFormat, type FormatArgument } from './c-format.js';
import type { Expr, LValue, Output, Rule, Statement } from './awk-parser.js';
import { compilePosix } from './posix-regex.js';

type Value = number | string;

/** A run-time failure (division by zero, a file it cannot write). */
export class AwkRuntimeError extends Error {}

class NextRecord {}
class ExitProgram {
  constructor(readonly status: number) {}
}
class BreakLoop {}
class ContinueLoop {}

/** One input file (or standard input) as awk names it in FILENAME. */
export interface AwkInput {
  readonly name: string;
  readonly text: string;
}

/** Where the program's output and files go. */
export interface AwkHost {
  readonly fs: MemoryFs;
  stdout(text: string): void;
  stderr(text: string): void;
  resolve(path: string): string;
}

/**
 * awk runs synchronously, so an endless `while (1)` would freeze the agent:
 * a program stops after this many loop iterations, as the shell stops a busy loop.
 */
export const MAX_LOOP_ITERATIONS = 1_000_000;
/** Fields beyond this number are refused rather than allocated (`$100000000 = 1`). */
const MAX_FIELD = 100_000;

/** The numeric-looking strings awk compares as numbers (fields, -v values, split pieces). */
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Executes `rules` with `variables` preset; resolves the exit status. */
export class AwkInterpreter {
  private readonly globals = new Map<string, Value>();
  private readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private record = '';
  private ranges = new Map<number, boolean>();
  private readonly regexCache = new Map<string, RegExp>();
  private readonly opened = new Set<string>();
  private iterations = 0;

  constructor(
    private readonly rules: readonly Rule[],
    private readonly host: AwkHost,
    variables: ReadonlyMap<string, string>,
  ) {
    for (const [name, value] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', OFMT: '%.6g', CONVFMT: '%.6g', SUBSEP: '\x1c', NR: 0, NF: 0, FNR: 0, FILENAME: '' })) {
      this.globals.set(name, value);
    }
    for (const [name, value] of variables) this.globals.set(name, value);
  }

  /** Sets a variable from a `VAR=value` operand, between input files. */
  assignVariable(name: string, value: string): void {
    this.globals.set(name, value);
  }

  /** Runs BEGIN, every record of `inputs` (read lazily so BEGIN-only programs need none), then END. */
  run(inputs: () => Iterable<AwkInput>): number {
    let status = 0;
    try {
      this.runRules('BEGIN');
      const hasMain = this.rules.some((rule) => rule.pattern.type !== 'BEGIN');
      if (hasMain) {
        try {
          for (const input of inputs()) {
            this.globals.set('FILENAME', input.name);
            this.globals.set('FNR', 0);
            for (const record of records(input.text, this.string(this.globals.get('RS')!))) {
              this.globals.set('NR', this.number(this.globals.get('NR')!) + 1);
              this.globals.set('FNR', this.number(this.globals.get('FNR')!) + 1);
              this.setRecord(record);
              this.runMain();
            }
          }
        } catch (error) {
          if (!(error instanceof ExitProgram)) throw error;
          status = error.status;
        }
        this.runRules('END');
      }
    } catch (error) {
      if (error instanceof ExitProgram) return error.status;
      throw error;
    }
    return status;
  }

  private runRules(type: 'BEGIN' | 'END'): void {
    for (const rule of this.rules) {
      if (rule.pattern.type === type) this.block(rule.action ?? []);
    }
  }

  private runMain(): void {
    try {
      this.rules.forEach((rule, index) => {
        const pattern = rule.pattern;
        if (pattern.type === 'BEGIN' || pattern.type === 'END') return;
        if (!this.selected(rule, index)) return;
        if (rule.action) this.block(rule.action);
        else this.host.stdout(this.record + this.string(this.globals.get('ORS')!));
      });
    } catch (error) {
      if (!(error instanceof NextRecord)) throw error;
    }
  }

  private selected(rule: Rule, index: number): boolean {
    const pattern = rule.pattern;
    if (pattern.type === 'always') return true;
    if (pattern.type === 'expr') return this.test(pattern.expr);
    if (pattern.type !== 'range') return false;
    if (this.ranges.get(index)) {
      if (this.test(pattern.to)) this.ranges.set(index, false);
      return true;
    }
    if (!this.test(pattern.from)) return false;
    this.ranges.set(index, !this.test(pattern.to));
    return true;
  }

  private block(statements: readonly Statement[]): void {
    for (const statement of statements) this.execute(statement);
  }

  private execute(statement: Statement): void {
    switch (statement.type) {
      case 'print': {
        const text = statement.args.length === 0 ? this.record : statement.args.map((arg) => this.outputString(this.evaluate(arg))).join(this.string(this.globals.get('OFS')!));
        this.write(text + this.string(this.globals.get('ORS')!), statement.output);
        return;
      }
      case 'printf': {
        const [format, ...args] = statement.args.map((arg) => this.evaluate(arg));
        this.write(cFormat(this.string(format), args.map((value) => this.formatArgument(value))), statement.output);
        return;
      }
      case 'expr':
        this.evaluate(statement.expr);
        return;
      case 'if':
        if (this.test(statement.test)) this.execute(statement.then);
        else if (statement.otherwise) this.execute(statement.otherwise);
        return;
      case 'while':
        while (this.test(statement.test)) if (this.loopBody(statement.body)) break;
        return;
      case 'do':
        do {
          if (this.loopBody(statement.body)) break;
        } while (this.test(statement.test));
        return;
      case 'for':
        for (statement.init && this.execute(statement.init); !statement.test || this.test(statement.test); statement.update && this.execute(statement.update)) {
          if (this.loopBody(statement.body)) break;
        }
        return;
      case 'forIn':
        for (const key of [...this.array(statement.array).keys()]) {
          this.globals.set(statement.variable, key);
          if (this.loopBody(statement.body)) break;
        }
        return;
      case 'block':
        this.block(statement.body);
        return;
      case 'next':
        throw new NextRecord();
      case 'break':
        throw new BreakLoop();
      case 'continue':
        throw new ContinueLoop();
      case 'exit':
        throw new ExitProgram(statement.status ? Math.trunc(this.number(this.evaluate(statement.status))) & 0xff : 0);
      case 'delete':
        if (!statement.subscripts) this.array(statement.name).clear();
        else this.array(statement.name).delete(this.subscript(statement.subscripts));
        return;
    }
  }

  /** Runs one iteration; true when the loop must stop (break). */
  private loopBody(body: Statement): boolean {
    if (++this.iterations > MAX_LOOP_ITERATIONS) throw new AwkRuntimeError(`stopped after ${MAX_LOOP_ITERATIONS} loop iterations (endless loop?)`);
    try {
      this.execute(body);
    } catch (error) {
      if (error instanceof BreakLoop) return true;
      if (!(error instanceof ContinueLoop)) throw error;
    }
    return false;
  }

  private write(text: string, output: Output | undefined): void {
    if (!output) {
      this.host.stdout(text);
      return;
    }
    const name = this.string(this.evaluate(output.target));
    if (name === '/dev/stdout' || name === '-') return this.host.stdout(text);
    if (name === '/dev/stderr') return this.host.stderr(text);
    const path = this.host.resolve(name);
    try {
      this.host.fs.write(path, text, { append: output.mode === '>>' || this.opened.has(path) });
    } catch {
      throw new AwkRuntimeError(`can't redirect to '${name}'`);
    }
    this.opened.add(path);
  }

  private evaluate(expr: Expr): Value {
    switch (expr.type) {
      case 'number':
        return expr.value;
      case 'string':
        return expr.value;
      case 'regex':
        return this.regex(expr.source).test(this.record) ? 1 : 0;
      case 'group':
        return this.evaluate(expr.expr);
      case 'var':
        return this.globals.get(expr.name) ?? '';
      case 'field':
        return this.getField(this.fieldNumber(expr.index));
      case 'element':
        return this.array(expr.name).get(this.subscript(expr.subscripts)) ?? this.autovivify(expr.name, this.subscript(expr.subscripts));
      case 'in':
        return this.array(expr.array).has(this.subscript(expr.subscripts)) ? 1 : 0;
      case 'assign': {
        const value = expr.op === '=' ? this.evaluate(expr.value) : arithmetic(expr.op.slice(0, -1), this.number(this.evaluate(expr.target)), this.number(this.evaluate(expr.value)));
        this.assign(expr.target, value);
        return value;
      }
      case 'conditional':
        return this.test(expr.test) ? this.evaluate(expr.then) : this.evaluate(expr.otherwise);
      case 'step': {
        const before = this.number(this.evaluate(expr.target));
        const after = expr.op === '++' ? before + 1 : before - 1;
        this.assign(expr.target, after);
        return expr.prefix ? after : before;
      }
      case 'unary': {
        if (expr.op === '!') return this.test(expr.operand) ? 0 : 1;
        const value = this.number(this.evaluate(expr.operand));
        return expr.op === '-' ? -value : value;
      }
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right);
      case 'call':
        return this.call(expr.name, expr.args);
    }
  }

  private binary(op: string, leftExpr: Expr, rightExpr: Expr): Value {
    if (op === '&&') return this.test(leftExpr) && this.test(rightExpr) ? 1 : 0;
    if (op === '||') return this.test(leftExpr) || this.test(rightExpr) ? 1 : 0;
    if (op === '~' || op === '!~') {
      const text = this.string(this.evaluate(leftExpr));
      const matched = this.dynamicRegex(rightExpr).test(text);
      return matched === (op === '~') ? 1 : 0;
    }
    const left = this.evaluate(leftExpr);
    const right = this.evaluate(rightExpr);
    if (op === 'concat') return this.string(left) + this.string(right);
    if (['<', '<=', '==', '!=', '>=', '>'].includes(op)) return compare(op, this.comparable(left, leftExpr), this.comparable(right, rightExpr)) ? 1 : 0;
    return arithmetic(op, this.number(left), this.number(right));
  }

  /** A value ready for comparison: numbers, and input strings that look numeric, compare numerically. */
  private comparable(value: Value, expr: Expr): Value {
    if (typeof value === 'number') return value;
    const fromInput = expr.type === 'field' || expr.type === 'var' || expr.type === 'element' || (expr.type === 'group' && expr.expr.type === 'field');
    return fromInput && NUMERIC.test(value) ? Number(value) : value;
  }

  private call(name: string, args: readonly Expr[]): Value {
    const value = (index: number) => (args[index] ? this.evaluate(args[index]) : '');
    const text = (index: number) => this.string(value(index));
    const num = (index: number) => this.number(value(index));
    switch (name) {
      case 'length':
        if (args.length === 0) return this.record.length;
        if (args[0].type === 'var' && this.arrays.has(args[0].name)) return this.array(args[0].name).size;
        return text(0).length;
      case 'substr': {
        const source = text(0);
        const start = Math.round(num(1));
        const end = args.length > 2 ? start + Math.round(num(2)) : Infinity;
        return source.slice(Math.max(start, 1) - 1, Math.max(Math.min(end, source.length + 1) - 1, 0));
      }
      case 'index':
        return text(0).indexOf(text(1)) + 1;
      case 'split': {
        const target = args[1];
        if (target?.type !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        const pieces = splitFields(text(0), args.length > 2 ? this.fieldSeparator(args[2]) : this.string(this.globals.get('FS')!));
        const array = this.array(target.name);
        array.clear();
        pieces.forEach((piece, index) => array.set(String(index + 1), piece));
        return pieces.length;
      }
      case 'sub':
      case 'gsub':
        return this.substitute(name === 'gsub', args);
      case 'match': {
        const found = this.dynamicRegex(args[1]).exec(text(0));
        this.globals.set('RSTART', found ? found.index + 1 : 0);
        this.globals.set('RLENGTH', found ? found[0].length : -1);
        return found ? found.index + 1 : 0;
      }
      case 'sprintf':
        return cFormat(text(0), args.slice(1).map((arg) => this.formatArgument(this.evaluate(arg))));
      case 'tolower':
        return text(0).toLowerCase();
      case 'toupper':
        return text(0).toUpperCase();
      case 'int':
        return Math.trunc(num(0));
      case 'sqrt':
        return Math.sqrt(num(0));
      case 'exp':
        return Math.exp(num(0));
      case 'log':
        return Math.log(num(0));
      case 'sin':
        return Math.sin(num(0));
      case 'cos':
        return Math.cos(num(0));
      case 'atan2':
        return Math.atan2(num(0), num(1));
      case 'rand':
        return Math.random();
      case 'srand':
        return 0;
      default:
        throw new AwkRuntimeError(`${name}() is not supported`);
    }
  }

  private substitute(global: boolean, args: readonly Expr[]): number {
    const regex = this.dynamicRegex(args[0]);
    const replacement = this.string(this.evaluate(args[1]));
    const target: LValue = args[2] && (args[2].type === 'var' || args[2].type === 'field' || args[2].type === 'element') ? args[2] : { type: 'field', index: { type: 'number', value: 0 } };
    const source = this.string(this.evaluate(target));
    let count = 0;
    const flags = `${regex.flags.replace('g', '')}${global ? 'g' : ''}`;
    const result = source.replace(new RegExp(regex.source, flags), (matched) => {
      count++;
      return replacement.replace(/\\\\|\\&|&/g, (token) => (token === '&' ? matched : token === '\\&' ? '&' : '\\'));
    });
    if (count > 0) this.assign(target, result);
    return count;
  }

  private assign(target: LValue, value: Value): void {
    if (target.type === 'var') {
      if (this.arrays.has(target.name)) throw new AwkRuntimeError(`can't assign to ${target.name}; it's an array name.`);
      this.globals.set(target.name, value);
      if (target.name === 'NF') this.setFieldCount(Math.trunc(this.number(value)));
    } else if (target.type === 'element') this.array(target.name).set(this.subscript(target.subscripts), value);
    else this.setField(this.fieldNumber(target.index), this.string(value));
  }

  private fieldNumber(index: Expr): number {
    const number = Math.trunc(this.number(this.evaluate(index)));
    if (number < 0 || number > MAX_FIELD) throw new AwkRuntimeError(`trying to access out of range field ${number}`);
    return number;
  }

  private getField(index: number): string {
    return index === 0 ? this.record : (this.fields[index] ?? '');
  }

  private setRecord(record: string): void {
    this.record = record;
    this.fields = ['', ...splitFields(record, this.string(this.globals.get('FS')!))];
    this.globals.set('NF', this.fields.length - 1);
  }

  private setField(index: number, value: string): void {
    if (index === 0) return this.setRecord(value);
    while (this.fields.length <= index) this.fields.push('');
    this.fields[index] = value;
    this.globals.set('NF', this.fields.length - 1);
    this.rebuildRecord();
  }

  private setFieldCount(count: number): void {
    this.fields = this.fields.slice(0, count + 1);
    while (this.fields.length <= count) this.fields.push('');
    this.rebuildRecord();
  }

  private rebuildRecord(): void {
    this.record = this.fields.slice(1).join(this.string(this.globals.get('OFS')!));
  }

  private array(name: string): Map<string, Value> {
    let array = this.arrays.get(name);
    if (!array) {
      if (typeof this.globals.get(name) === 'number' || (this.globals.get(name) ?? '') !== '') throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      array = new Map();
      this.arrays.set(name, array);
    }
    return array;
  }

  private autovivify(name: string, key: string): Value {
    this.array(name).set(key, '');
    return '';
  }

  private subscript(subscripts: readonly Expr[]): string {
    return subscripts.map((subscript) => this.string(this.evaluate(subscript))).join(this.string(this.globals.get('SUBSEP')!));
  }

  private fieldSeparator(expr: Expr): string {
    return expr.type === 'regex' ? expr.source : this.string(this.evaluate(expr));
  }

  private dynamicRegex(expr: Expr): RegExp {
    return this.regex(expr.type === 'regex' ? expr.source : this.string(this.evaluate(expr)));
  }

  private regex(source: string): RegExp {
    let regex = this.regexCache.get(source);
    if (!regex) {
      regex = compilePosix(source, { extended: true });
      this.regexCache.set(source, regex);
    }
    return regex;
  }

  /** An expression as a condition: numbers (and numeric-looking input) are true when non-zero, strings when non-empty. */
  private test(expr: Expr): boolean {
    const value = this.comparable(this.evaluate(expr), expr);
    return typeof value === 'number' ? value !== 0 : value !== '';
  }

  private number(value: Value): number {
    if (typeof value === 'number') return value;
    const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(value);
    return match ? Number(match[1]) : 0;
  }

  private string(value: Value, format = 'CONVFMT'): string {
    if (typeof value === 'string') return value;
    if (Number.isInteger(value)) return String(value);
    return cFormat(this.string(this.globals.get(format) ?? '%.6g'), [this.formatArgument(value)]);
  }

  private outputString(value: Value): string {
    return this.string(value, 'OFMT');
  }

  private formatArgument(value: Value): FormatArgument {
    return { number: () => this.number(value), string: () => this.string(value) };
  }
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new AwkRuntimeError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkRuntimeError('division by zero in %');
      return a % b;
    default:
      return a ** b;
  }
}

function compare(op: string, left: Value, right: Value): boolean {
  const [a, b] = typeof left === 'number' && typeof right === 'number' ? [left, right] : [String(left), String(right)];
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>=':
      return a >= b;
    default:
      return a > b;
  }
}

/** Splits a record as FS says: `' '` on blank runs (ignoring the ends), one character literally, more as a regexp. */
function splitFields(text: string, separator: string): string[] {
  if (separator === ' ') return text.split(/[ \t\n]+/).filter((field) => field !== '');
  if (text === '') return [];
  if (separator.length === 1 && separator !== '\\') return text.split(separator === '\t' ? '\t' : separator);
  return text.split(compilePosix(separator, { extended: true }));
}

/** Records separated by RS: a newline by default, blank lines when RS is empty. */
function records(text: string, separator: string): string[] {
  if (separator === '') return text.split(/\n\n+/).map((record) => record.replace(/^\n+|\n+$/g, '')).filter((record) => record !== '');
  const parts = text.split(separator.length === 1 ? separator : compilePosix(separator, { extended: true }));
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

