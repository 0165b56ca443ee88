import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { printTable } from '../../printers/print-table.js';
import { resourceTypes } from '../../registry.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const cm = (extra: object): KubeObject => applyDefaults({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, ...extra } as KubeObject);
const secret = (extra: object): KubeObject => applyDefaults({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, ...extra } as KubeObject);
const typeOf = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);

describe('Secret defaults', () => {
  it('defaults the type to Opaque and folds stringData into data as base64', () => {
    const s = secret({ data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 's3cret' } });
    expect(s).toMatchObject({ type: 'Opaque', data: { user: 'YWRtaW4=', password: 'czNjcmV0' } });
    expect(s).not.toHaveProperty('stringData');
  });
});

describe('ConfigMap and Secret validation', () => {
  it('accepts ordinary data', () => {
    expect(validateCreate(cm({ data: { color: 'blue', 'app.properties': 'a=b' } }))).toEqual([]);
    expect(validateCreate(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } }))).toEqual([]);
  });

  it.each([
    [
      'a bad key',
      cm({ data: { 'bad key': 'x' } }),
      ["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"],
    ],
    ['a key in data and binaryData', cm({ data: { k: 'x' }, binaryData: { k: 'eA==' } }), ['data[k]: Invalid value: "k": duplicate of key present in binaryData']],
    ['more than 1 MiB', cm({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }), [': Too long: may not be more than 1048576 bytes']],
    ['a TLS secret without its key', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0' } }), ['data[tls.key]: Required value']],
    ['a basic-auth secret with neither', secret({ type: 'kubernetes.io/basic-auth', data: {} }), ['data[username]: Required value', 'data[password]: Required value']],
  ])('refuses %s', (_what, obj, expected) => {
    expect(messages(validateCreate(obj))).toEqual(expected);
  });

  it('keeps immutable data, the immutable flag and a Secret\'s type as they are', () => {
    const old = { ...cm({ data: { color: 'blue' }, immutable: true }), metadata: { name: 'app', namespace: 'default', resourceVersion: '1' } };
    expect(messages(validateUpdate({ ...old, data: { color: 'red' } }, old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(messages(validateUpdate({ ...old, immutable: false }, old))).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
    const s = { ...secret({ data: { a: 'eA==' } }), metadata: { name: 'db', namespace: 'default', resourceVersion: '1' } };
    expect(messages(validateUpdate({ ...s, type: 'kubernetes.io/basic-auth', data: { username: 'eA==' } }, s))).toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });
});

describe('printers', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const created = { creationTimestamp: '2026-11-22T09:59:00Z' };
  it('print NAME DATA AGE for ConfigMaps and NAME TYPE DATA AGE for Secrets', () => {
    const configMap = { ...cm({ data: { a: '1', b: '2' }, binaryData: { c: 'eA==' } }), metadata: { name: 'app', ...created } };
    const table = printTable(typeOf('ConfigMap'), [configMap], now, 'None');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows[0].cells).toEqual(['app', 3, '60s']);
    const s = printTable(typeOf('Secret'), [{ ...secret({ data: { password: 'eA==' } }), metadata: { name: 'db', ...created } }], now, 'None');
    expect(s.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(s.rows[0].cells).toEqual(['db', 'Opaque', 1, '60s']);
  });
});
