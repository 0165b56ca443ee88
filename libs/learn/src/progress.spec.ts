import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressFile, readProgress, updateProgress } from './progress.js';

describe('updateProgress', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kubelab-progress-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const entry = (startSeq: number) => ({ state: 'in-progress' as const, startSeq, startedAt: '2026-11-24T10:00:00Z', uids: [], objects: [], hints: 0 });

  it('applies a change to what is on disk now, keeping what another command wrote since this one read', () => {
    updateProgress({ dataDir }, (p) => {
      p.current = 'first-pod';
      p.scenarios['first-pod'] = entry(1);
    });
    const readEarlier = readProgress({ dataDir });
    updateProgress({ dataDir }, (p) => {
      p.scenarios.probes = entry(2);
    });
    updateProgress({ dataDir }, (p) => {
      p.scenarios['first-pod'].state = 'done';
    });
    expect(readEarlier.scenarios.probes).toBeUndefined();
    expect(readProgress({ dataDir })).toEqual({ current: 'first-pod', scenarios: { 'first-pod': { ...entry(1), state: 'done' }, probes: entry(2) } });
    expect(existsSync(`${progressFile({ dataDir })}.lock`)).toBe(false);
  });

  it('takes over a lock left by a command that died holding it', () => {
    const lock = `${progressFile({ dataDir })}.lock`;
    writeFileSync(lock, '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    updateProgress({ dataDir }, (p) => {
      p.current = 'probes';
    });
    expect(JSON.parse(readFileSync(progressFile({ dataDir }), 'utf8'))).toEqual({ current: 'probes', scenarios: {} });
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the change throws, and writes nothing', () => {
    expect(() => updateProgress({ dataDir }, () => {
      throw new Error('no such scenario');
    })).toThrow('no such scenario');
    expect(existsSync(`${progressFile({ dataDir })}.lock`)).toBe(false);
    expect(existsSync(progressFile({ dataDir }))).toBe(false);
  });
});
