import { decodeVolumeEntry, encodeVolumeEntry, volumeDataKey, type VolumeStore } from '@kubelab/bus';
import { MemoryFs } from '@kubelab/shell';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncedVolume, type SyncOptions } from './synced-volume.js';
import { MemoryVolumeData } from './volume-data.testing.js';

const store: VolumeStore = { kind: 'persistent-volume', name: 'pvc-1' };
const at = new Date('2026-01-01T00:00:00Z');
const options = (warnings: string[] = []): SyncOptions => ({ writeDelayMs: 50, retryMs: 500, readTimeoutMs: 1000, warn: (_, message) => void warnings.push(message) });
const file = (content: string) => encodeVolumeEntry({ kind: 'file', modified: at, content });
const dir = () => encodeVolumeEntry({ kind: 'dir', modified: at, content: '' });
const stored = (data: MemoryVolumeData, path: string) => {
  const value = data.entries.get(volumeDataKey(store, path));
  return value && decodeVolumeEntry(value);
};

describe('a volume synced with the volume store', () => {
  let data: MemoryVolumeData;
  beforeEach(() => {
    vi.useFakeTimers();
    data = new MemoryVolumeData();
  });
  afterEach(() => vi.useRealTimers());

  it('holds what the store holds when opened, over what it was seeded with', async () => {
    data.entries.set(volumeDataKey(store, '/www'), dir());
    data.entries.set(volumeDataKey(store, '/www/index.html'), file('<h1>kept</h1>'));
    data.entries.set(volumeDataKey({ kind: 'persistent-volume', name: 'other' }, '/x'), file('not ours'));
    const synced = await SyncedVolume.open(store, data, { ...options(), seed: (v) => v.makeDirectory('/var', false, at) });
    expect(synced.volume.list('/')).toEqual(['var', 'www']);
    expect(synced.volume.readFile('/www/index.html')).toBe('<h1>kept</h1>');
    expect(data.writes).toEqual([]);
  });

  it('writes what containers change once the changes gathered, one write per path', async () => {
    const synced = await SyncedVolume.open(store, data, options());
    const fs = new MemoryFs({ now: () => at });
    fs.mount('/data', synced.volume);
    fs.mkdir('/data/logs');
    for (let i = 0; i < 100; i++) fs.write('/data/logs/app.log', `line ${i}\n`, { append: true });
    expect(data.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(data.writes).toEqual([`put ${volumeDataKey(store, '/logs')}`, `put ${volumeDataKey(store, '/logs/app.log')}`]);
    expect(stored(data, '/logs/app.log')?.content.split('\n')).toHaveLength(101);
    fs.remove('/data/logs', { recursive: true });
    await synced.flush();
    expect(data.keys('pv.pvc-1')).toEqual([]);
  });

  it('shows what another agent writes, and the other agent what this one writes', async () => {
    const here = await SyncedVolume.open(store, data, options());
    const there = await SyncedVolume.open(store, data, options());
    here.volume.writeFile('/from-here', 'a', false, at);
    there.volume.makeDirectory('/d', false, at);
    there.volume.writeFile('/d/from-there', 'b', false, at);
    await vi.advanceTimersByTimeAsync(50);
    expect(there.volume.readFile('/from-here')).toBe('a');
    expect(here.volume.readFile('/d/from-there')).toBe('b');
    there.volume.remove('/d', true);
    await vi.advanceTimersByTimeAsync(50);
    expect(here.volume.list('/')).toEqual(['from-here']);
    expect(data.writes.filter((w) => w.startsWith('put'))).toHaveLength(3);
  });

  it('keeps a change made here over an older one the watch brings late, and takes a newer one', async () => {
    const here = await SyncedVolume.open(store, data, options());
    const there = await SyncedVolume.open(store, data, options());
    data.held = true;
    there.volume.writeFile('/f', 'older, from there', false, at);
    await there.flush();
    here.volume.writeFile('/f', 'newer, from here', false, at);
    await here.flush();
    data.deliver();
    expect(here.volume.readFile('/f')).toBe('newer, from here');
    expect(there.volume.readFile('/f')).toBe('newer, from here');
    there.volume.writeFile('/f', 'newest, from there', false, at);
    await there.flush();
    data.deliver();
    expect(here.volume.readFile('/f')).toBe('newest, from there');
    expect(stored(data, '/f')?.content).toBe('newest, from there');
  });

  it('is not undone by the echo of its own earlier write', async () => {
    const synced = await SyncedVolume.open(store, data, options());
    data.held = true;
    synced.volume.writeFile('/counter', '1', false, at);
    await synced.flush();
    synced.volume.writeFile('/counter', '2', false, at);
    data.deliver();
    expect(synced.volume.readFile('/counter')).toBe('2');
    await synced.flush();
    data.deliver();
    expect(synced.volume.readFile('/counter')).toBe('2');
    expect(stored(data, '/counter')?.content).toBe('2');
  });

  it('tries a failed write again, saying so once, and writes everything left when closed', async () => {
    const warnings: string[] = [];
    const synced = await SyncedVolume.open(store, data, options(warnings));
    data.failing = 3;
    synced.volume.writeFile('/f', 'x', false, at);
    await vi.advanceTimersByTimeAsync(50);
    expect(stored(data, '/f')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored(data, '/f')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    expect(stored(data, '/f')?.content).toBe('x');
    expect(warnings).toEqual(['volume file not written; trying again']);
    synced.volume.writeFile('/g', 'y', false, at);
    expect(await synced.close()).toBe(true);
    expect(stored(data, '/g')?.content).toBe('y');
  });

  it('keeps a file too large for the store on this agent only, and says so', async () => {
    const warnings: string[] = [];
    data.maxValueBytes = 100;
    const synced = await SyncedVolume.open(store, data, options(warnings));
    synced.volume.writeFile('/big', 'x'.repeat(200), false, at);
    await synced.flush();
    expect(data.writes).toEqual([]);
    expect(warnings).toEqual(['file larger than the volume store takes: kept on this agent only']);
  });

  it('fails to open when the store cannot be read in time', async () => {
    const silent = { ...data, maxValueBytes: 1, watch: () => new Promise<() => void>(() => undefined), put: data.put.bind(data), delete: data.delete.bind(data) };
    const opening = SyncedVolume.open(store, silent, options());
    const failed = expect(opening).rejects.toThrow('the files of pv.pvc-1 were not read within 1000 ms');
    await vi.advanceTimersByTimeAsync(1000);
    await failed;
  });
});
