import { describe, expect, it } from 'vitest';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.js';

function scope(initial: Record<string, string> = {}) {
  const variables = new Map(Object.entries(initial));
  return { get: (name: string) => variables.get(name), set: (name: string, value: string) => void variables.set(name, value), variables };
}

describe('evaluateArithmetic', () => {
  it.each([
    ['', 0],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['-7 % 3', -1],
    ['2 < 3 && 3 < 2', 0],
    ['0 || 5', 1],
    ['!0 + ~0', 0],
    ['1 << 4 | 1', 17],
    ['6 & 3 ^ 1', 3],
    ['1 ? 10 : 20', 10],
    ['0 ? 10 : 0 ? 20 : 30', 30],
    ['x * 2 + y', 9],
    ['missing + 1', 1],
    ['0x1f + 010', 39],
    ['1 == 1 != 0', 1],
  ])('%j = %i', (expression, value) => {
    expect(evaluateArithmetic(expression, scope({ x: '4', y: '1' }))).toBe(value);
  });

  it('assigns', () => {
    const s = scope({ i: '5' });
    expect(evaluateArithmetic('i += 2', s)).toBe(7);
    expect(evaluateArithmetic('j = i * 2', s)).toBe(14);
    expect(Object.fromEntries(s.variables)).toEqual({ i: '7', j: '14' });
  });

  it('increments and decrements, prefix giving the new value and postfix the old one', () => {
    const s = scope({ i: '5' });
    expect(evaluateArithmetic('i++', s)).toBe(5);
    expect(evaluateArithmetic('++i', s)).toBe(7);
    expect(evaluateArithmetic('i--', s)).toBe(7);
    expect(evaluateArithmetic('--i + 10', s)).toBe(15);
    expect(evaluateArithmetic('n++', s)).toBe(0);
    expect(Object.fromEntries(s.variables)).toEqual({ i: '5', n: '1' });
  });

  it('reads `--` between numbers as two minus signs, and `++` before a number as two pluses', () => {
    expect(evaluateArithmetic('5--1', scope())).toBe(6);
    expect(evaluateArithmetic('++3', scope())).toBe(3);
  });

  it('skips side effects and errors in branches it does not take', () => {
    const s = scope();
    expect(evaluateArithmetic('0 && (k = 1 / 0)', s)).toBe(0);
    expect(evaluateArithmetic('1 ? 2 : (k = 3)', s)).toBe(2);
    expect(s.variables.has('k')).toBe(false);
  });

  it.each([
    ['1 / 0', 'divide by zero'],
    ['1 +', 'arithmetic syntax error'],
    ['(1', 'arithmetic syntax error'],
    ['1 2', 'arithmetic syntax error'],
    ['a', 'arithmetic syntax error'],
    ['3 @ 4', 'arithmetic syntax error'],
  ])('%j fails with %j', (expression, message) => {
    expect(() => evaluateArithmetic(expression, scope({ a: 'text' }))).toThrow(new ArithmeticError(message));
  });
});
