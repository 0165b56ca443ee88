import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-set.js';
import { decodeFieldsV1, encodeFieldsV1, shareManagedFields } from './fields-v1.js';
import { keyElement, pathToString, type FieldPath } from './path-element.js';

const f = (field: string) => ({ field });
const k = (...pairs: [string, string | number][]) => keyElement(pairs);

describe('FieldsV1 encoding', () => {
  it.each<[string, FieldPath[], object]>([
    ['a leaf', [[f('spec'), f('replicas')]], { 'f:spec': { 'f:replicas': {} } }],
    ['a member with children gets "."', [[f('metadata'), f('labels')], [f('metadata'), f('labels'), f('app')]], { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } }],
    [
      'keys sorted by name, numbers compared as numbers',
      [[f('ports'), k(['protocol', 'TCP'], ['containerPort', 443])], [f('ports'), k(['containerPort', 80], ['protocol', 'TCP'])]],
      { 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': {}, 'k:{"containerPort":443,"protocol":"TCP"}': {} } },
    ],
    ['set values', [[f('metadata'), f('finalizers'), { value: 'b' }], [f('metadata'), f('finalizers'), { value: 'a' }]], { 'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } } }],
    ['fields before keys', [[f('x'), k(['name', 'a'])], [f('x'), f('b')]], { 'f:x': { 'f:b': {}, 'k:{"name":"a"}': {} } }],
  ])('encodes %s', (_name, paths, expected) => {
    const encoded = encodeFieldsV1(FieldSet.of(paths));
    expect(encoded).toEqual(expected);
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(expected));
    expect(decodeFieldsV1(encoded).equals(FieldSet.of(paths))).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a list', [], 'FieldsV1 must be a JSON object'],
    ['an unknown element type', { 'x:a': {} }, 'unknown path element type'],
    ['a key that is not an object', { 'k:[1]': {} }, 'keys must be an object'],
    ['a value that is not JSON', { 'v:nope': {} }, 'not valid JSON'],
    ['a leaf that is not an object', { 'f:a': 1 }, 'expected an object for f:a'],
  ])('refuses %s', (_name, fields, message) => {
    expect(() => decodeFieldsV1(fields)).toThrow(message);
  });

  it('shares equal subtrees between encodings, frozen, so 10,000 pods of one template hold one copy', () => {
    const container = [f('spec'), f('containers'), k(['name', 'pause']), f('image')];
    const first = encodeFieldsV1(FieldSet.of([container, [f('status'), f('podIP')]]));
    const second = encodeFieldsV1(FieldSet.of([container, [f('status'), f('hostIP')]]));
    expect(second).not.toBe(first);
    expect(second['f:spec']).toBe(first['f:spec']);
    expect(second['f:status']).not.toBe(first['f:status']);
    expect(Object.isFrozen(first['f:spec']['f:containers'])).toBe(true);
    expect(encodeFieldsV1(FieldSet.of([container, [f('status'), f('podIP')]]))).toBe(first);
  });

  it('makes managedFields read from the log share the nodes encodings hold, and leaves what is not FieldsV1 as it is', () => {
    const encoded = encodeFieldsV1(FieldSet.of([[f('spec'), f('replicas')], [f('status'), f('ready')]]));
    const read = () => shareManagedFields({ metadata: { managedFields: JSON.parse(JSON.stringify([{ manager: 'm', fieldsV1: encoded }, { manager: 'n', fieldsV1: { 'f:a': 1 } }])) } });
    const [first, second] = [read(), read()];
    expect(first.metadata.managedFields[0].fieldsV1).toBe(encoded);
    expect(second.metadata.managedFields[0].fieldsV1).toBe(encoded);
    expect(second.metadata.managedFields[1].fieldsV1).toEqual({ 'f:a': 1 });
    expect(shareManagedFields({ metadata: {} })).toEqual({ metadata: {} });
  });

  it('prints paths as conflict messages do', () => {
    expect(pathToString([f('spec'), f('template'), f('spec'), f('containers'), k(['name', 'nginx']), f('image')])).toBe('.spec.template.spec.containers[name="nginx"].image');
    expect(pathToString([f('ports'), k(['containerPort', 80], ['protocol', 'TCP'])])).toBe('.ports[containerPort=80,protocol="TCP"]');
    expect(pathToString([f('finalizers'), { value: 'a' }])).toBe('.finalizers[="a"]');
  });
});

describe('FieldSet', () => {
  const set = (...paths: string[]) => FieldSet.of(paths.map((p) => p.split('.').map(f)));
  it.each<[string, FieldSet, string[]]>([
    ['union', set('a.b').union(set('a.c')), ['.a.b', '.a.c']],
    ['intersection', set('a.b', 'a.c').intersection(set('a.c', 'd')), ['.a.c']],
    ['difference keeps children of a removed member', set('a', 'a.b').difference(set('a')), ['.a.b']],
    ['recursive difference drops them', set('a', 'a.b', 'c').recursiveDifference(set('a')), ['.c']],
  ])('%s', (_name, result, expected) => {
    expect(result.paths().map(pathToString)).toEqual(expected);
  });

  it('gives back a set itself when an operation leaves it as it was, so its encoding is not worked out again', () => {
    const owned = set('status.phase', 'status.conditions', 'status.conditions.ready');
    expect(owned.union(set('status.phase', 'status.conditions.ready'))).toBe(owned);
    expect(owned.union(set('status.podIP'))).not.toBe(owned);
    expect(owned.difference(set('spec.replicas', 'status.podIP'))).toBe(owned);
    expect(owned.difference(set('status.conditions.ready')).paths().map(pathToString)).toEqual(['.status.conditions', '.status.phase']);
    expect(owned.recursiveDifference(set('spec', 'status.hostIP'))).toBe(owned);
    expect(owned.recursiveDifference(set('status.conditions')).paths().map(pathToString)).toEqual(['.status.phase']);
    expect(encodeFieldsV1(owned)).toBe(encodeFieldsV1(owned));
  });

  it('decodes a shared encoding once: the set it stands for comes back the next time', () => {
    const encoded = encodeFieldsV1(set('status.phase', 'status.podIP'));
    const decoded = decodeFieldsV1(encoded);
    expect(decodeFieldsV1(encoded)).toBe(decoded);
    expect(decoded.paths().map(pathToString)).toEqual(['.status.phase', '.status.podIP']);
    const copy = JSON.parse(JSON.stringify(encoded)) as unknown;
    expect(decodeFieldsV1(copy)).not.toBe(decoded);
    expect(decodeFieldsV1(copy).equals(decoded)).toBe(true);
  });

  it('decodes the parts two encodings share once: a set decoded anew holds the sets it shares with one decoded before', () => {
    const conditions = ['status.conditions.ready', 'status.conditions.scheduled'];
    const first = decodeFieldsV1(encodeFieldsV1(set(...conditions, 'status.phase')));
    const second = decodeFieldsV1(encodeFieldsV1(set(...conditions, 'status.phase', 'status.podIP')));
    const below = (s: FieldSet) => s.withPrefix(f('status')).withPrefix(f('conditions'));
    expect(second).not.toBe(first);
    expect(below(second)).toBe(below(first));
    expect(second.paths().map(pathToString)).toEqual(['.status.phase', '.status.podIP', '.status.conditions.ready', '.status.conditions.scheduled']);
  });
});
