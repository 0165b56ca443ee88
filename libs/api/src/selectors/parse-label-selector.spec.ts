import { describe, expect, it } from 'vitest';
import { formatRequirements } from './format-label-selector.js';
import { parseLabelSelector } from './parse-label-selector.js';
import { SelectorError } from './selector-error.js';

const keyRegex =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRegex =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const operators = 'in, notin, =, ==, !=, gt, lt';

describe('parseLabelSelector', () => {
  it.each([
    ['', []],
    ['app=web', [{ key: 'app', operator: '=', values: ['web'] }]],
    ['app==web', [{ key: 'app', operator: '==', values: ['web'] }]],
    ['app!=web', [{ key: 'app', operator: '!=', values: ['web'] }]],
    ['tier in (b,a)', [{ key: 'tier', operator: 'in', values: ['a', 'b'] }]],
    ['tier notin (x)', [{ key: 'tier', operator: 'notin', values: ['x'] }]],
    ['app', [{ key: 'app', operator: 'exists', values: [] }]],
    ['!app', [{ key: 'app', operator: '!', values: [] }]],
    ['x=', [{ key: 'x', operator: '=', values: [''] }]],
    ['x>1', [{ key: 'x', operator: 'gt', values: ['1'] }]],
    ['x<5', [{ key: 'x', operator: 'lt', values: ['5'] }]],
    ['example.com/app=web', [{ key: 'example.com/app', operator: '=', values: ['web'] }]],
    [' a = b , c ', [{ key: 'a', operator: '=', values: ['b'] }, { key: 'c', operator: 'exists', values: [] }]],
    ['z=1,a=2', [{ key: 'a', operator: '=', values: ['2'] }, { key: 'z', operator: '=', values: ['1'] }]],
    ['a=b,a!=c', [{ key: 'a', operator: '=', values: ['b'] }, { key: 'a', operator: '!=', values: ['c'] }]],
    ['in in (in,notin)', [{ key: 'in', operator: 'in', values: ['in', 'notin'] }]],
    ['x in (foo,,baz)', [{ key: 'x', operator: 'in', values: ['', 'baz', 'foo'] }]],
    ['x notin ()', [{ key: 'x', operator: 'notin', values: [''] }]],
    ['x in (a,a)', [{ key: 'x', operator: 'in', values: ['a'] }]],
  ])('parses %j', (text, expected) => {
    expect(parseLabelSelector(text)).toEqual(expected);
  });

  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x= ,z= ', 'x=,z='],
    ['x in (abc,def),y notin (jkl),z', 'x in (abc,def),y notin (jkl),z'],
    ['x notin (abc),y in (jkl,mno),z notin ()', 'x notin (abc),y in (jkl,mno),z notin ()'],
    ['!x', '!x'],
    ['x>1,z<5', 'x>1,z<5'],
  ])('round-trips %j through formatRequirements', (text, formatted) => {
    expect(formatRequirements(parseLabelSelector(text))).toBe(formatted);
  });

  it.each([
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a,,b', "found ',', expected: identifier after ','"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a b', `unable to parse requirement: found 'b', expected: ${operators}`],
    ['a!b', `unable to parse requirement: found '!', expected: ${operators}`],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (b,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['a=>b', "unable to parse requirement: found '>', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['-a=b', `unable to parse requirement: <nil>: Invalid value: "-a": name part ${keyRegex}`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${keyRegex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['/a', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
    ['a=-b', `unable to parse requirement: values[0][a]: Invalid value: "-b": ${valueRegex}`],
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRegex}`],
    [`a=${'v'.repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
  ])('rejects %j with Kubernetes wording', (text, message) => {
    expect(() => parseLabelSelector(text)).toThrow(new SelectorError(message));
  });

  it('throws SelectorError instances', () => {
    expect(() => parseLabelSelector('a b')).toThrow(SelectorError);
  });
});
