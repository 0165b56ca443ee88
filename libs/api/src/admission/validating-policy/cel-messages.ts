/**
 * Errors of CEL expressions worded as kube-apiserver words them with cel-go: compile errors as
 * `compilation failed: ERROR: <input>:LINE:COL: message` followed by the source line and a caret
 * (cel-go's Error.ToDisplayString), runtime errors as `expression '…' resulted in error: …`
 * (admission/plugin/cel/filter.go). The messages themselves are the JS library's, lower-cased
 * where cel-go's are (`no such key: x`); cel-go's ANTLR syntax messages are not reproduced.
 */

/** What the JS library reports about an expression it could not parse, check or run. */
export interface CelProblem {
  name?: string;
  code?: string;
  summary?: string;
  message: string;
  range?: { start: number; end: number };
}

const wide = (char: string) => (char.codePointAt(0) ?? 0) > 0x7f;

/** The line (1-based), column (0-based, in code points) and text of `offset`'s line in `source`. */
function locate(source: string, offset: number): { line: number; column: number; text: string } {
  const before = source.slice(0, offset).split('\n');
  const line = before.length;
  return { line, column: [...before[line - 1]].length, text: source.split('\n')[line - 1] ?? '' };
}

/** cel-go's rendering of one issue: the location, the message, the line and a caret under the column. */
function displayIssue(source: string, offset: number, message: string): string {
  const { line, column, text } = locate(source, offset);
  const snippet = text.replaceAll('\t', ' ');
  const chars = [...snippet];
  const dots = chars.slice(0, column).map((c) => (wide(c) ? '\uff0e' : '.')).join('');
  const caret = chars[column] !== undefined && wide(chars[column]) ? '\uff3e' : '^';
  return `ERROR: <input>:${line}:${column + 1}: ${message}\n | ${snippet}\n | ${dots}${caret}`;
}

/** A type as cel-go prints it: `list(string)`, `map(string, int)`. */
const goType = (type: string) => type.replaceAll('<', '(').replaceAll('>', ')');

const undeclared = (name: string) => `undeclared reference to '${name}' (in container '')`;

const operatorNames: Record<string, string> = { '==': '_==_', '!=': '_!=_', '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_', '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_', in: '@in' };

/** cel-go's wording of a call no overload accepts, or of a function it does not know. */
function overloadMessage(summary: string, declared: (name: string) => boolean): string | undefined {
  const call = /^found no matching overload for '(?:(.+)\.)?([A-Za-z_][A-Za-z0-9_]*)\((.*)\)'$/.exec(summary);
  if (call) {
    const [, receiver, name, args] = call;
    if (!declared(name)) return undeclared(name);
    const namespace = receiver?.startsWith('kubernetes.namespace.') ? receiver.slice('kubernetes.namespace.'.length) : undefined;
    if (namespace) return `found no matching overload for '${namespace}.${name}' applied to '(${goType(args)})'`;
    return `found no matching overload for '${name}' applied to '${receiver ? `${goType(receiver)}.` : ''}(${goType(args)})'`;
  }
  const operator = /^no such overload: (.+) (==|!=|<=|>=|<|>|\+|-|\*|\/|%|in) (.+)$/.exec(summary);
  if (operator) return `found no matching overload for '${operatorNames[operator[2]]}' applied to '(${goType(operator[1])}, ${goType(operator[3])})'`;
  return undefined;
}

function issueMessage(problem: CelProblem, declared: (name: string) => boolean): string {
  const summary = problem.summary ?? problem.message;
  if (problem.name === 'ParseError') return `Syntax error: ${summary}`;
  const unknown = /^Unknown variable: (.*)$/.exec(summary);
  if (unknown) return undeclared(unknown[1]);
  return overloadMessage(summary, declared) ?? summary;
}

/**
 * The detail of a compile error, as CompileCELExpression gives it; `declared` tells a function
 * the environment has (an unmatched call) from one it does not (an undeclared reference).
 */
export function compilationFailed(expression: string, problem: CelProblem, declared: (name: string) => boolean): string {
  return `compilation failed: ${displayIssue(expression, issueOffset(expression, problem), issueMessage(problem, declared))}`;
}

/** Where cel-go locates the issue: a call at its opening parenthesis, anything else where cel-js does. */
function issueOffset(expression: string, problem: CelProblem): number {
  const start = problem.range?.start ?? 0;
  const call = /^found no matching overload for '(?:.+\.)?([A-Za-z_][A-Za-z0-9_]*)\(/.exec(problem.summary ?? problem.message);
  if (!call) return start;
  const at = expression.indexOf(`${call[1]}(`, start);
  return at < 0 ? start : at + call[1].length;
}

/** cel-go's wording of a runtime error's cause. */
export function runtimeCause(problem: CelProblem): string {
  const summary = problem.summary ?? problem.message.split('\n')[0];
  return summary.replace(/^No such key: /, 'no such key: ');
}

/** A runtime error as filter.go's ForInput reports it. */
export function resultedInError(expression: string, cause: string): string {
  return `expression '${expression}' resulted in error: ${cause}`;
}
