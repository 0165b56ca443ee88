import { describe, expect, it } from 'vitest';
import { decodeVolumeEntry, encodeVolumeEntry, volumeDataKey, volumeDataPath, volumeStorePrefix, type VolumeStore } from './volume-data.js';

const pv = (name: string): VolumeStore => ({ kind: 'persistent-volume', name });
const node = (name: string): VolumeStore => ({ kind: 'node', node: name });
/** What a KV key may hold (nats.js validKeyRe), without empty tokens. */
const validKey = /^[-/=\w]+(\.[-/=\w]+)*$/;

describe('volume data keys', () => {
  it.each([
    [pv('pvc-1b2c'), 'pv.pvc-1b2c'],
    [pv('www.example.com'), 'pv.www_example_com'],
    [node('node-1'), 'node.node-1'],
  ])('prefix the entries of %j with %s', (store, prefix) => {
    expect(volumeStorePrefix(store)).toBe(prefix);
  });

  it.each([
    ['/index.html'],
    ['/var/local-path-provisioner/pvc-1_default_data/db.sqlite'],
    ['/a b/ü\u00ff'],
    ['/.hidden/..x'],
  ])('name %j with a valid key that reads back', (path) => {
    const key = volumeDataKey(node('node-1'), path);
    expect(key).toMatch(validKey);
    expect(volumeDataPath(node('node-1'), key)).toBe(path);
  });

  it('keeps stores apart, even where one name begins another', () => {
    const key = volumeDataKey(pv('a.b'), '/x');
    expect(volumeDataPath(pv('a'), key)).toBeUndefined();
    expect(volumeDataPath(pv('a_b'), key)).toBe('/x');
    expect(volumeDataPath(node('a.b'), key)).toBeUndefined();
  });
});

describe('volume data entries', () => {
  it.each([
    [{ kind: 'file' as const, modified: new Date('2026-01-02T03:04:05.678Z'), content: 'hello\n' }],
    [{ kind: 'file' as const, modified: new Date(0), content: '\u0000\u00ff\n\u001f\u008b' }],
    [{ kind: 'dir' as const, modified: new Date(1), content: '' }],
    [{ kind: 'device' as const, modified: new Date(2), content: '' }],
  ])('read back what was written: %j', (entry) => {
    expect(decodeVolumeEntry(encodeVolumeEntry(entry))).toEqual(entry);
  });

  it('stores the bytes as they are after one line of JSON', () => {
    const value = encodeVolumeEntry({ kind: 'file', modified: new Date(0), content: '\u00e9' });
    expect(Buffer.from(value).toString('latin1')).toBe('{"kind":"file","modified":"1970-01-01T00:00:00.000Z"}\n\u00e9');
  });

  it.each([['no header'], ['{"kind":"fifo","modified":"1970-01-01T00:00:00Z"}\n'], ['{"kind":"file","modified":"soon"}\nx'], ['{not json\nx']])(
    'are no entry when the value is %j',
    (text) => expect(decodeVolumeEntry(Buffer.from(text, 'latin1'))).toBeUndefined(),
  );
});
