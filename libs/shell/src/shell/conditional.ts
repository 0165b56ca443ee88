/**
 * Bash's `[[ … ]]`: words expand without splitting or globbing, `==` and `!=`
 * match the right side as a glob pattern (its quoted characters literal), `=~`
 * as an extended regular expression (filling BASH_REMATCH), `<` and `>` compare
 * strings; file and integer tests are test(1)'s, run through `test`.
 */
import type { TestExpression, Word } from '../syntax/ast.js';
import { expandWord, type ExpansionScope } from './expand.js';
import { toRegExp } from './glob.js';

/** What `[[` needs besides expansion. */
export interface ConditionalScope extends ExpansionScope {
  /** Sets bash's `BASH_REMATCH` array after a `=~` match. */
  setArray(name: string, values: readonly string[]): void;
}

/** Runs test(1) with these arguments, resolving its status. */
export type RunTest = (args: readonly string[]) => Promise<number>;

/** The status of `[[ expression ]]`: 0 true, 1 false, 2 for a malformed regular expression. */
export async function evaluateConditional(expression: TestExpression, scope: ConditionalScope, test: RunTest): Promise<number> {
  switch (expression.kind) {
    case 'and': {
      const left = await evaluateConditional(expression.left, scope, test);
      return left === 0 ? evaluateConditional(expression.right, scope, test) : left;
    }
    case 'or': {
      const left = await evaluateConditional(expression.left, scope, test);
      return left === 0 ? 0 : evaluateConditional(expression.right, scope, test);
    }
    case 'not': {
      const operand = await evaluateConditional(expression.operand, scope, test);
      return operand === 2 ? 2 : Number(operand === 0);
    }
    case 'word':
      return Number((await expandWord(expression.word, scope)) === '');
    case 'unary':
      return unary(expression.operator, await expandWord(expression.operand, scope), scope, test);
    case 'binary':
      return binary(expression.operator, expression.left, expression.right, scope, test);
  }
}

async function unary(operator: string, operand: string, scope: ConditionalScope, test: RunTest): Promise<number> {
  if (operator === '-z') return Number(operand !== '');
  if (operator === '-n') return Number(operand === '');
  if (operator === '-v') return Number(scope.get(operand) === undefined);
  return test([operator, operand]);
}

async function binary(operator: string, leftWord: Word, rightWord: Word, scope: ConditionalScope, test: RunTest): Promise<number> {
  const left = await expandWord(leftWord, scope);
  switch (operator) {
    case '==':
    case '=':
    case '!=': {
      const { text, literal } = await expandMarked(rightWord, scope);
      const matches = toRegExp(text, literal.map((isLiteral) => !isLiteral)).test(left);
      return Number(matches === (operator === '!='));
    }
    case '=~':
      return regexMatch(left, rightWord, scope);
    case '<':
      return Number(!(left < (await expandWord(rightWord, scope))));
    case '>':
      return Number(!(left > (await expandWord(rightWord, scope))));
    default:
      return test([left, operator, await expandWord(rightWord, scope)]);
  }
}

async function regexMatch(subject: string, patternWord: Word, scope: ConditionalScope): Promise<number> {
  const { text, literal } = await expandMarked(patternWord, scope);
  let source = '';
  for (let i = 0; i < text.length; i++) source += literal[i] ? text[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : text[i];
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    return 2;
  }
  const match = regex.exec(subject);
  if (!match) return 1;
  scope.setArray('BASH_REMATCH', [...match].map((group) => group ?? ''));
  return 0;
}

/** A word's expansion with, per character, whether quoting made it literal (not a pattern character). */
async function expandMarked(word: Word, scope: ExpansionScope): Promise<{ text: string; literal: boolean[] }> {
  let text = '';
  const literal: boolean[] = [];
  for (const part of word) {
    const value = part.kind === 'text' ? part.text : await expandWord([part], scope);
    text += value;
    for (let i = 0; i < value.length; i++) literal.push(part.quoted);
  }
  return { text, literal };
}
