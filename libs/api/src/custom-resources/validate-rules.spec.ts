import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { FieldError } from '../status.js';
import type { JSONSchemaProps, ValidationRule } from './types.js';
import { validateByRules } from './validate-rules.js';

const object = (spec: unknown): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec }) as KubeObject;

const rooted = (spec: JSONSchemaProps, rules: ValidationRule[] = []): JSONSchemaProps => ({
  type: 'object', properties: { spec }, ...(rules.length ? { 'x-kubernetes-validations': rules } : {}),
});

const lines = (errors: FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`);

/** The rule errors of a Widget with `spec` (and `oldSpec`, for an update) under `schema`. */
const check = (schema: JSONSchemaProps, spec: unknown, oldSpec?: unknown) =>
  lines(validateByRules(object(spec), schema, oldSpec === undefined ? undefined : object(oldSpec), []));

const rule = (text: string, extra: Partial<ValidationRule> = {}): ValidationRule => ({ rule: text, ...extra });
const int: JSONSchemaProps = { type: 'integer' };
const str: JSONSchemaProps = { type: 'string' };

const range = rooted({
  type: 'object',
  properties: { min: int, max: int },
  'x-kubernetes-validations': [rule('self.min <= self.max', { message: 'min must not exceed max' })],
});
const tags = rooted({ type: 'object', properties: { tags: { type: 'array', items: str, 'x-kubernetes-validations': [rule('self.size() <= 2')] } } });
const labels = rooted({
  type: 'object',
  properties: {
    labels: {
      type: 'object',
      additionalProperties: { type: 'string', 'x-kubernetes-validations': [rule('self.size() < 5', { message: 'too long' })] },
      'x-kubernetes-validations': [rule("self.all(k, k.startsWith('a'))", { message: 'keys start with a' })],
    },
  },
});
const ports = rooted({
  type: 'object',
  properties: { ports: { type: 'array', items: { type: 'object', properties: { port: int }, 'x-kubernetes-validations': [rule('self.port > 0')] } } },
});
const kinds = rooted({
  type: 'object',
  properties: {
    size: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-validations': [rule("type(self) == int ? self < 10 : self.endsWith('%')")] },
    ratio: { type: 'number', 'x-kubernetes-validations': [rule('type(self) == double')] },
    count: { type: 'integer', 'x-kubernetes-validations': [rule('type(self) == int')] },
    extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [rule('has(self.a)')] },
    when: { type: 'string', format: 'date-time', 'x-kubernetes-validations': [rule("self > timestamp('2020-01-01T00:00:00Z')")] },
    namespace: str,
    'a-b': str,
  },
  'x-kubernetes-validations': [rule("!has(self.__namespace__) || self.__namespace__ != self.a__dash__b", { message: 'must differ' })],
});

describe('validateByRules: self at each kind of node', () => {
  it.each<[string, JSONSchemaProps, unknown, string[]]>([
    ['an object', range, { min: 3, max: 1 }, ['spec: Invalid value: "object": min must not exceed max']],
    ['an object that passes', range, { min: 1, max: 3 }, []],
    ['an array', tags, { tags: ['a', 'b', 'c'] }, ['spec.tags: Invalid value: "array": failed rule: self.size() <= 2']],
    ['a map and its values', labels, { labels: { a: 'x', b: 'toolong' } }, [
      'spec.labels: Invalid value: "object": keys start with a',
      'spec.labels[b]: Invalid value: "string": too long',
    ]],
    ['list items', ports, { ports: [{ port: 80 }, { port: 0 }] }, ['spec.ports[1]: Invalid value: "object": failed rule: self.port > 0']],
    ['an int-or-string, a double, an int, preserved fields, a timestamp and escaped names', kinds,
      { size: '5%', ratio: 1, count: 2, extra: { a: 1 }, when: '2024-05-01T10:00:00Z', namespace: 'x', 'a-b': 'y' }, []],
    ['failures of those', kinds, { size: 12, extra: {}, when: '2019-05-01T10:00:00Z', namespace: 'x', 'a-b': 'x' }, [
      'spec: Invalid value: "object": must differ',
      `spec.size: Invalid value: "": failed rule: type(self) == int ? self < 10 : self.endsWith('%')`,
      'spec.extra: Invalid value: "object": failed rule: has(self.a)',
      "spec.when: Invalid value: \"string\": failed rule: self > timestamp('2020-01-01T00:00:00Z')",
    ]],
    ['absent and null nodes, which are not evaluated', range, null, []],
  ])('%s', (_, schema, spec, expected) => {
    expect(check(schema, spec)).toEqual(expected);
  });

  it('shows the resource root with apiVersion, kind and only the name fields of metadata, at <nil>', () => {
    const schema = rooted({ type: 'object' }, [
      rule("self.kind == 'Widget' && self.metadata.name == 'w' && !has(self.metadata.labels)"),
      rule("self.metadata.name.startsWith('z')", { message: 'name must start with z' }),
    ]);
    expect(check(schema, {})).toEqual(['<nil>: Invalid value: "object": name must start with z']);
  });

  it('shows an embedded resource the same way', () => {
    const schema = rooted({
      type: 'object',
      properties: {
        template: {
          type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true,
          'x-kubernetes-validations': [rule("self.kind == 'Pod' && !has(self.spec)")],
        },
      },
    });
    expect(check(schema, { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } })).toEqual([]);
    expect(check(schema, { template: { apiVersion: 'v1', kind: 'Job' } })).toHaveLength(1);
  });

  it('runs the rules of allOf entries at the node and below it', () => {
    const schema = rooted({
      type: 'object',
      properties: { max: int },
      allOf: [{ properties: { max: { 'x-kubernetes-validations': [rule('self < 10')] } }, 'x-kubernetes-validations': [rule('has(self.max)')] }],
      'x-kubernetes-validations': [rule('true')],
    });
    expect(check(schema, {})).toEqual(['spec: Invalid value: "object": failed rule: has(self.max)']);
    expect(check(schema, { max: 10 })).toEqual(['spec.max: Invalid value: "integer": failed rule: self < 10']);
  });
});

describe('validateByRules: how a failure reads', () => {
  const node = (extra: Partial<ValidationRule>, text = 'self.max < 10'): JSONSchemaProps => rooted({
    type: 'object',
    properties: { max: int, limits: { type: 'object', additionalProperties: int } },
    'x-kubernetes-validations': [rule(text, extra)],
  });
  it.each<[string, Partial<ValidationRule>, string]>([
    ['the default message', {}, 'spec: Invalid value: "object": failed rule: self.max < 10'],
    ['the message, trimmed', { message: ' max too big ' }, 'spec: Invalid value: "object": max too big'],
    ['the messageExpression', { message: 'unused', messageExpression: "'max is ' + string(self.max)" }, 'spec: Invalid value: "object": max is 12'],
    ['the message when the messageExpression gives no string', { message: 'max too big', messageExpression: 'self.max' }, 'spec: Invalid value: "object": max too big'],
    ['the message when the messageExpression gives an empty one', { message: 'max too big', messageExpression: "' '" }, 'spec: Invalid value: "object": max too big'],
    ['the message when the messageExpression fails', { message: 'max too big', messageExpression: 'self.missing' }, 'spec: Invalid value: "object": max too big'],
    ['the fieldPath', { fieldPath: '.max', message: 'too big' }, 'spec.max: Invalid value: "object": too big'],
    ['a map key fieldPath', { fieldPath: ".limits['cpu']", message: 'too big' }, 'spec.limits[cpu]: Invalid value: "object": too big'],
    ['a fieldPath naming no field', { fieldPath: '.nothing', message: 'too big' }, 'spec: Invalid value: "object": too big'],
    ['reason Forbidden', { reason: 'FieldValueForbidden', message: 'no' }, 'spec: Forbidden: no'],
    ['reason Required', { reason: 'FieldValueRequired', message: 'needed' }, 'spec: Required value: needed'],
    ['reason Duplicate', { reason: 'FieldValueDuplicate', message: 'twice' }, 'spec: Duplicate value: "object"'],
  ])('%s', (_, extra, expected) => {
    expect(check(node(extra), { max: 12, limits: { cpu: 1 } })).toEqual([expected]);
  });

  it('reports a rule that fails to run with its cause', () => {
    expect(check(node({}, 'self.missing > 1'), { max: 1 })).toEqual(['spec: Invalid value: "object": no such key: missing evaluating rule: self.missing > 1']);
    expect(check(node({ message: 'need missing' }, 'self.missing > 1'), { max: 1 })).toEqual(['spec: Invalid value: "object": no such key: missing evaluating rule: need missing']);
    expect(check(node({}, "self.max + 'x' == 'x'"), { max: 1 })).toEqual([
      `spec: Invalid value: "object": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.max + 'x' == 'x'`,
    ]);
  });

  it('skips the rules cel-js cannot compile, and runs the others', () => {
    const schema = rooted({
      type: 'object',
      properties: { max: int },
      'x-kubernetes-validations': [rule('self.max =='), rule('self.max + 1'), rule('1 + "a" == 2'), rule('self.unknownFunction()'), rule('self.max < 10')],
    });
    expect(check(schema, { max: 12 })).toEqual(['spec: Invalid value: "object": failed rule: self.max < 10']);
  });

  it('runs what cel-js reads otherwise: has() of an indexed field, RE2\'s (?i)', () => {
    const schema = rooted({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { name: str } } }, service: str },
      'x-kubernetes-validations': [
        rule('has(self.items[0].name)', { message: 'first item needs a name' }),
        rule("self.service.matches(r\"\"\"^(?i)[a-z]+\\.v1$\"\"\")", { message: 'bad service' }),
      ],
    });
    expect(check(schema, { items: [{ name: 'a' }], service: 'Users.V1' })).toEqual([]);
    expect(check(schema, { items: [{}], service: 'users-v1' })).toEqual([
      'spec: Invalid value: "object": first item needs a name',
      'spec: Invalid value: "object": bad service',
    ]);
  });
});

describe('validateByRules: transition rules', () => {
  const immutable = rooted({ type: 'object', properties: { name: { type: 'string', 'x-kubernetes-validations': [rule('self == oldSelf', { message: 'is immutable' })] } } });
  it('skips them on create and where the old object has no value, runs them on update', () => {
    expect(check(immutable, { name: 'a' })).toEqual([]);
    expect(check(immutable, { name: 'a' }, {})).toEqual([]);
    expect(check(immutable, { name: 'a' }, { name: 'a' })).toEqual([]);
    expect(check(immutable, { name: 'b' }, { name: 'a' })).toEqual(['spec.name: Invalid value: "string": is immutable']);
  });

  const listOf = (listType: string) => rooted({
    type: 'object',
    properties: {
      entries: {
        type: 'array',
        'x-kubernetes-list-type': listType,
        ...(listType === 'map' ? { 'x-kubernetes-list-map-keys': ['name'] } : {}),
        items: { type: 'object', properties: { name: str, size: int }, 'x-kubernetes-validations': [rule('self.size >= oldSelf.size', { message: 'may not shrink' })] },
      },
    },
  });
  it('correlates the items of a map list by their keys, and those of other lists not at all', () => {
    const before = { entries: [{ name: 'a', size: 2 }, { name: 'b', size: 5 }] };
    const after = { entries: [{ name: 'b', size: 4 }, { name: 'a', size: 3 }, { name: 'c', size: 0 }] };
    expect(check(listOf('map'), after, before)).toEqual(['spec.entries[0]: Invalid value: "object": may not shrink']);
    expect(check(listOf('atomic'), after, before)).toEqual([]);
    expect(check(listOf('set'), after, before)).toEqual([]);
  });

  it('runs an optionalOldSelf rule on create too, with oldSelf an optional', () => {
    const schema = rooted({
      type: 'object',
      properties: { name: str },
      'x-kubernetes-validations': [rule("oldSelf.hasValue() ? self.name == oldSelf.value().name : self.name.startsWith('a')", { optionalOldSelf: true, message: 'bad name' })],
    });
    expect(check(schema, { name: 'b' })).toEqual(['spec: Invalid value: "object": bad name']);
    expect(check(schema, { name: 'a' })).toEqual([]);
    expect(check(schema, { name: 'b' }, { name: 'b' })).toEqual([]);
    expect(check(schema, { name: 'c' }, { name: 'b' })).toEqual(['spec: Invalid value: "object": bad name']);
  });

  it('ratchets a failing rule without oldSelf on a part the update left as it was', () => {
    const schema = rooted({ type: 'object', properties: { a: str, b: str }, 'x-kubernetes-validations': [rule("self.a != 'bad'")] });
    const limited = rooted({ type: 'object', properties: { a: { type: 'string', 'x-kubernetes-validations': [rule("self != 'bad'")] }, b: str } });
    expect(check(schema, { a: 'bad', b: 'x' }, { a: 'bad', b: 'x' })).toEqual([]);
    expect(check(schema, { a: 'bad', b: 'y' }, { a: 'bad', b: 'x' })).toEqual([`spec: Invalid value: "object": failed rule: self.a != 'bad'`]);
    expect(check(limited, { a: 'bad', b: 'y' }, { a: 'bad', b: 'x' })).toEqual([]);
    expect(check(limited, { a: 'bad' }, { a: 'good' })).toEqual([`spec.a: Invalid value: "string": failed rule: self != 'bad'`]);
  });
});

describe('validateByRules: blocking errors', () => {
  it('does not run the rules after an error that blocks them, and says so', () => {
    const type: FieldError = { type: 'FieldValueTypeInvalid', field: 'spec.max', message: 'Invalid value: "string": …' };
    const invalid: FieldError = { type: 'FieldValueInvalid', field: 'spec.max', message: 'Invalid value: 12: …' };
    expect(lines(validateByRules(object({ min: 3, max: 1 }), range, undefined, [type]))).toEqual([
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
    expect(lines(validateByRules(object({ min: 3, max: 1 }), range, undefined, [invalid]))).toHaveLength(1);
    expect(validateByRules(object({}), rooted({ type: 'object' }), undefined, [type])).toEqual([]);
  });
});
