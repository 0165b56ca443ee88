import { readEvents, openSqlite, readObjects } from '@kubelab/event-store';
import { tempDir } from '@kubelab/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLog, parseExport } from './export-import.js';

const line = (seq: number, type = 'PodCreated', name = 'web', over: Record<string, unknown> = {}) => JSON.stringify({
  seq, time: '2026-11-22T00:00:00.000Z', type, kind: 'Pod', namespace: 'default', name, uid: `uid-${name}`, actor: 'user:kubectl', cause: null,
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(seq) } }, ...over,
});

describe('parseExport', () => {
  it('turns entries into stored records', () => {
    const records = parseExport(`${line(1)}\n${line(2, 'PodBound')}\n\n`);
    expect(records.map((r) => [r.seq, r.type])).toEqual([[1, 'PodCreated'], [2, 'PodBound']]);
    expect(JSON.parse(records[1].data).metadata.resourceVersion).toBe('2');
  });

  it.each([
    ['', 'the export is empty'],
    ['{not json', 'line 1 is not JSON: an export has one event-log entry per line'],
    [JSON.stringify({ seq: 1 }), 'line 1 is not an event-log entry (seq, time, type, kind, namespace, name, uid, actor, cause, object)'],
    [line(5), 'the export starts at seq 5, not 1: import needs the whole log (kubelab export without --since, from a lab never compacted)'],
    [`${line(1)}\n${line(3)}`, 'line 2 has seq 3 where 2 should follow: the export has a gap'],
  ])('refuses %j', (text, message) => {
    expect(() => parseExport(text)).toThrow(message);
  });
});

describe('importLog on a real SQLite file', () => {
  it('writes events and projection into a new data dir, and refuses one that has a log', async () => {
    const dir = tempDir('import');
    const records = parseExport([line(1), line(2, 'PodCreated', 'gone'), line(3, 'PodDeleted', 'gone')].join('\n'));
    const file = await importLog(records, dir);
    expect(file).toBe(join(dir, 'events.sqlite'));
    const db = openSqlite(file);
    expect((await readEvents(db)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await readObjects(db)).map((o) => o.name)).toEqual(['web']);
    await db.destroy();
    await expect(importLog(records, dir)).rejects.toThrow(`${file} already holds an event log: import into a new data dir`);
  });
});
