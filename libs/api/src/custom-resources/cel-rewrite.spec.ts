import { describe, expect, it } from 'vitest';
import { foldCase } from '../admission/validating-policy/cel-rewrite.js';
import { compileRuleExpression } from './rule-programs.js';

const run = (expression: string, self: unknown) => {
  const program = compileRuleExpression(expression, ['bool', 'dyn']);
  if (!program) throw new Error(`${expression} does not compile`);
  return program({ self });
};

describe('foldCase', () => {
  it.each([
    ['abc', '[aA][bB][cC]'],
    [String.raw`\.?[a-z_][a-z_0-9]*`, String.raw`\.?[a-zA-Z_][a-zA-Z_0-9]*`],
    [String.raw`[^A-F]\d\p{Lu}(?:x|y){2}`, String.raw`[^A-Fa-f]\d\p{Lu}(?:[xX]|[yY]){2}`],
    ['a-b', '[aA]-[bB]'],
  ])('%s', (pattern, folded) => {
    expect(foldCase(pattern)).toBe(folded);
  });
});

describe('rules cel-js reads otherwise', () => {
  it.each<[string, unknown, boolean]>([
    ['has(self.items[0].name)', { items: [{ name: 'a' }] }, true],
    ['has(self.items[0].name)', { items: [{}] }, false],
    ['has(self.items[0].spec.name) || has(self.a.b)', { items: [{ spec: {} }], a: { b: 1 } }, true],
    ['has(self["items"][1].name)', { items: [{}, { name: 'x' }] }, true],
    ['self.s.matches("^(?i)ab[c-d]$") && !self.s.matches("^(?i)ab$")', { s: 'AbD' }, true],
    ["matches(self.s, r'''(?i)^x''') && self.s.find('(?i)[a-z]+') == 'XY'", { s: 'XY1' }, true],
  ])('%s', (expression, self, value) => {
    expect(run(expression, self)).toBe(value);
  });

  it('keeps has() errors where an operand is missing, as CEL does', () => {
    expect(() => run('has(self.items[1].name)', { items: [{}] })).toThrow(/index out of bounds/);
  });

  it('does not compile a regex literal JavaScript cannot', () => {
    expect(compileRuleExpression("self.matches('(?P<name>a)')", ['bool'])).toBeUndefined();
    expect(compileRuleExpression("self.matches('^[a-z]+$')", ['bool'])).toBeDefined();
  });
});
