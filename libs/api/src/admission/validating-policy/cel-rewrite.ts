/**
 * Where @marcbachmann/cel-js reads an expression differently from cel-go (a CRD rule, a ValidatingAdmissionPolicy
 * validation), the source is rewritten to an equivalent before it is compiled, so what runs on kube-apiserver runs the same:
 * - `has(e.f)` whose operand is not a plain select chain (`has(self.matches[0].path)`, in the
 *   Gateway API's HTTPRoute): cel-js takes only `has(a.b.c)`; CEL tests the last field of any
 *   operand, as `(e).?f.hasValue()` does;
 * - a regex literal that starts with RE2's case-insensitive flag (`^(?i)…`, GRPCRoute's service
 *   names), which JavaScript's RegExp does not know: the letters after it match either case.
 * A regex literal JavaScript still cannot compile makes the rule uncompilable, as an invalid one
 * makes it in cel-go, rather than an error for every object that reaches it.
 */
import type { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';

/** A replacement of the source between two offsets. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

const regexMethods = new Set(['matches', 'find', 'findAll']);

/** The operands of a node, in source order. */
export function astChildren(node: ASTNode): ASTNode[] {
  return [node.args].flat(3).filter((arg): arg is ASTNode => typeof arg === 'object' && arg !== null && 'op' in arg);
}

/** `has(e.f)` with an `e` cel-js refuses, as an optional select. */
function hasEdit(node: ASTNode, source: string): Edit | undefined {
  if (node.op !== 'call' || node.args[0] !== 'has' || node.args[1].length !== 1) return undefined;
  const operand = node.args[1][0];
  if (operand.op !== '.') return undefined;
  let root: ASTNode = operand;
  while (root.op === '.' || root.op === '.?') root = root.args[0];
  if (root.op === 'id') return undefined;
  const [object, field] = operand.args;
  return { start: node.start, end: node.end, text: `(${source.slice(object.start, object.end)}).?${field}.hasValue()` };
}

/**
 * The literal pattern of a regex function call and the flags its RegExp gets: cel-js's own
 * `string.matches` compiles without flags, the regex library's functions with `u`.
 */
function regexLiteral(node: ASTNode): { literal: ASTNode; pattern: string; flags: string } | undefined {
  const [literal, flags] = node.op === 'rcall' && regexMethods.has(node.args[0]) ? [node.args[2][0], node.args[0] === 'matches' ? '' : 'u']
    : node.op === 'call' && node.args[0] === 'matches' ? [node.args[1][1], 'u'] : [undefined, ''];
  return literal?.op === 'value' && typeof literal.args === 'string' ? { literal, pattern: literal.args, flags } : undefined;
}

const swapCase = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const isLetter = (c: string) => c.toLowerCase() !== c.toUpperCase() && [...c.toLowerCase()].length === 1 && [...c.toUpperCase()].length === 1;

function foldToken(token: string, inClass: boolean): string {
  if (/^[a-z]-[a-z]$|^[A-Z]-[A-Z]$/.test(token)) return inClass ? `${token}${swapCase(token)}` : [...token].map((c) => foldToken(c, false)).join('');
  if (!isLetter(token)) return token;
  return inClass ? `${token}${swapCase(token)}` : `[${token}${swapCase(token)}]`;
}

/** `pattern` matching each letter in either case: RE2's `(?i)` without the flag. */
export function foldCase(pattern: string): string {
  const tokens = /\\[pPx]\{[^}]*\}|\\.|\(\?[^:)>]*[:)>]|\[\^?\]?|[a-zA-Z]-[a-zA-Z]|./gsu;
  let inClass = false;
  let folded = '';
  for (const [token] of pattern.matchAll(tokens)) {
    if (token.startsWith('[') && !inClass) inClass = true;
    else if (token === ']') inClass = false;
    folded += token.startsWith('\\') || token.startsWith('(?') || token.startsWith('[') ? token : foldToken(token, inClass);
  }
  return folded;
}

/** A regex literal with a leading `(?i)`, folded. */
function caseFlagEdit(node: ASTNode): Edit | undefined {
  const regex = regexLiteral(node);
  const flag = regex && /^(\^?)\(\?i\)/.exec(regex.pattern);
  if (!regex || !flag) return undefined;
  const folded = flag[1] + foldCase(regex.pattern.slice(flag[0].length));
  return { start: regex.literal.start, end: regex.literal.end, text: JSON.stringify(folded) };
}

/** The first rewrite the tree needs, outermost first. */
function firstEdit(node: ASTNode, source: string): Edit | undefined {
  const own = hasEdit(node, source) ?? caseFlagEdit(node);
  if (own) return own;
  for (const child of astChildren(node)) {
    const edit = firstEdit(child, source);
    if (edit) return edit;
  }
  return undefined;
}

/** Throws when a regex literal is one JavaScript's RegExp cannot compile. */
function assertRegexLiterals(node: ASTNode): void {
  const regex = regexLiteral(node);
  if (regex) new RegExp(regex.pattern, regex.flags);
  astChildren(node).forEach(assertRegexLiterals);
}

/**
 * `source` parsed in `env` once rewritten where cel-js needs it; throws the parse error, or a
 * SyntaxError for a regex literal JavaScript cannot compile.
 */
export function parseForCelJs(source: string, env: Environment): ParseResult {
  let text = source;
  let parsed = env.parse(text);
  let edit = firstEdit(parsed.ast, text);
  while (edit) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    parsed = env.parse(text);
    edit = firstEdit(parsed.ast, text);
  }
  assertRegexLiterals(parsed.ast);
  return parsed;
}
