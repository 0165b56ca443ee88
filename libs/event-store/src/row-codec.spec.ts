import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeRowData, encodeRowData } from './row-codec.js';
import { eventDictionary, podDictionary, workloadDictionary } from './row-dictionary.js';
import { podLifecycle } from './testing/pod-lifecycle.js';

const lifecycle = podLifecycle().map((e) => ({ what: `${e.kind} ${e.type}`, kind: e.kind, json: e.data }));

describe('the row codec', () => {
  const prefixes: Record<string, string> = { Pod: 'zp:', Event: 'ze:' };
  it.each(lifecycle.map((row) => [row.what, row.kind, row.json]))('gives back exactly the text of %s, stored in a fraction of it', (_, kind, json) => {
    const stored = encodeRowData(kind, json);
    expect(stored.slice(0, 3)).toBe(prefixes[kind] ?? 'zw:');
    expect(stored.length).toBeLessThan(json.length / 4);
    expect(decodeRowData(stored)).toBe(json);
  });

  it('gives a text already in stored form back as it is, so a row encoded before it is appended is not encoded twice', () => {
    for (const row of lifecycle) {
      const stored = encodeRowData(row.kind, row.json);
      expect(encodeRowData(row.kind, stored)).toBe(stored);
    }
  });

  it('stores a whole pod lifecycle in under an eighth of its JSON', () => {
    const json = lifecycle.reduce((n, row) => n + row.json.length, 0);
    const stored = lifecycle.reduce((n, row) => n + encodeRowData(row.kind, row.json).length, 0);
    expect(stored).toBeLessThan(json / 8);
  });

  const texts: [string, string][] = [
    ['non-ASCII text, escaped and not', JSON.stringify({ kind: 'ConfigMap', data: { greeting: 'grüß dich, 世界 🚀', escaped: '\u2028\u0000"\\' } }).repeat(3)],
    ['key order and number forms JSON.stringify would not write', '{"b":1,"a":1.50,"c":[ ],"d":1e3}'.repeat(20)],
    ['a large object', JSON.stringify({ kind: 'ConfigMap', data: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key-${i}`, `value ${i * 7919}`])) })],
  ];
  it.each(texts)('round-trips %s', (_, json) => {
    const stored = encodeRowData('ConfigMap', json);
    expect(stored).not.toBe(json);
    expect(decodeRowData(stored)).toBe(json);
  });

  it('keeps as it is a text that deflating would not shorten', () => {
    const tiny = '{"a":1}';
    expect(encodeRowData('Pod', tiny)).toBe(tiny);
  });

  it('reads rows stored before the format existed, JSON text as it is', () => {
    for (const row of lifecycle) expect(decodeRowData(row.json)).toBe(row.json);
  });

  it('throws on a deflated row that does not inflate', () => {
    const stored = encodeRowData('Pod', lifecycle[0].json);
    expect(() => decodeRowData(stored.slice(0, 40))).toThrow();
  });

  it.each([
    ['zp:', podDictionary, 'ebe659b9a55c7dac89f01f053ac199f33e642d11bf99926b841ccfaab22cd68b'],
    ['ze:', eventDictionary, '6f2f6355774dccdb3aaed30df0704182123137f0a95955e44050b02619ec3170'],
    ['zw:', workloadDictionary, 'b419947e3947c5c3a9f4b5b5b88ca64d0c974e231defb218391d8f61eb325f25'],
  ])('keeps the dictionary of format %s byte for byte: rows written with it read only with it', (_, dictionary, sha256) => {
    expect(dictionary.length).toBeLessThanOrEqual(32 * 1024);
    expect(createHash('sha256').update(dictionary).digest('hex')).toBe(sha256);
  });
});
