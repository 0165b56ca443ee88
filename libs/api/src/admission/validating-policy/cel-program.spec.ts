import { describe, expect, it } from 'vitest';
import { compileExpression } from './cel-program.js';
import { celValue } from './cel-value.js';

const run = (expression: string, object: unknown = {}) => {
  const compiled = compileExpression(expression, false, 'any');
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.run(celValue({ object, oldObject: null, request: {}, namespaceObject: null, variables: {} }) as Record<string, unknown>);
};

describe('compileExpression', () => {
  it.each([
    ['object.spec.replicas <= 5', { spec: { replicas: 5 } }, true],
    ['object.spec.ratio * 2.0', { spec: { ratio: 0.25 } }, 0.5],
    ['[1, 3, 3].isSorted() && ![2, 1].isSorted()', {}, true],
    ['[1, 2, 3].sum()', {}, 6n],
    ['[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3', {}, true],
    ['"image:v1.2".find("[0-9.]+$")', {}, '1.2'],
    ['"a1b22".findAll("[0-9]+")', {}, ['1', '22']],
    ['"héllo".charAt(1)', {}, 'é'],
    ['"a-b-c".replace("-", "_")', {}, 'a_b_c'],
    ['"ABC".lowerAscii() + "a,b".split(",").join("")', {}, 'abcab'],
    ['object.spec.containers.exists_one(c, c.name.matches("^web"))', { spec: { containers: [{ name: 'web' }, { name: 'sidecar' }] } }, true],
    ['object.metadata.?labels.app.orValue("none")', { metadata: {} }, 'none'],
    ['has(object.spec.containers[0].image) && !has(object.spec.containers[1].image)', { spec: { containers: [{ image: 'nginx' }, {}] } }, true],
    ['object.metadata.name.matches("^(?i)web-[a-z]+$")', { metadata: { name: 'WEB-Shop' } }, true],
  ])('%s', (expression, object, value) => {
    expect(run(expression, object)).toEqual({ value });
  });

  it('words runtime errors as cel-go does', () => {
    expect(run('object.spec.replicas > 1', { spec: {} })).toEqual({ error: "expression 'object.spec.replicas > 1' resulted in error: no such key: replicas" });
  });

  it('words compile errors with cel-go\'s location, line and caret, and checks the result type', () => {
    expect(compileExpression('object.a ==\n  == 1', false, 'bool')).toMatchObject({ error: expect.stringMatching(/^compilation failed: ERROR: <input>:2:3: Syntax error: .*\n \| {3}== 1\n \| \.\.\^$/) });
    expect(compileExpression('authorise.group("")', false, 'bool')).toMatchObject({ error: expect.stringContaining("undeclared reference to 'authorise' (in container '')") });
    expect(compileExpression('authorizer.group("")', false, 'bool')).toMatchObject({ error: 'must evaluate to bool' });
    expect(compileExpression('cidr(1) == cidr(1)', false, 'bool')).toMatchObject({ error: "compilation failed: ERROR: <input>:1:5: found no matching overload for 'cidr' applied to '(int)'\n | cidr(1) == cidr(1)\n | ....^" });
    expect(compileExpression('"a".prefixLength() > 1', false, 'bool')).toMatchObject({ error: expect.stringContaining("ERROR: <input>:1:17: found no matching overload for 'prefixLength' applied to 'string.()'") });
    expect(compileExpression('sets.contains(1, [1])', false, 'bool')).toMatchObject({ error: expect.stringContaining("found no matching overload for 'sets.contains' applied to '(int, list(int))'") });
    expect(compileExpression('cidr("::/0") == "::/0"', false, 'bool')).toMatchObject({ error: expect.stringContaining("found no matching overload for '_==_' applied to '(net.CIDR, string)'") });
    expect(compileExpression('isFoo("x")', false, 'bool')).toMatchObject({ error: expect.stringContaining("undeclared reference to 'isFoo' (in container '')") });
    expect(compileExpression('object.metadata.name', false, 'bool')).toMatchObject({ error: 'must evaluate to bool' });
    expect(compileExpression('params.x == 1', true, 'bool')).not.toHaveProperty('error');
  });
});
