import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectsWhenIdle, leastYoungBytes, type IdleSample } from './idle-memory.js';

const grown = 32 * 1024 * 1024;
const at = (atMs: number, busyMicros: number, youngBytes = grown): IdleSample => ({ atMs, busyMicros, youngBytes });

describe('collectsWhenIdle', () => {
  it.each([
    ['idle, young generation grown', at(0, 0), at(2000, 20_000), true],
    ['busy: 5% of the time', at(0, 0), at(2000, 100_000), false],
    ['idle, young generation back at its least', at(0, 0), at(2000, 0, leastYoungBytes), false],
    ['idle, one step above its least', at(0, 0), at(2000, 0, leastYoungBytes + 1), true],
    ['no time between the checks', at(5000, 0), at(5000, 0), false],
    ['the clock went back', at(5000, 0), at(3000, 0), false],
  ])('%s', (_, before, now, collects) => {
    expect(collectsWhenIdle(before, now)).toBe(collects);
  });
});

/**
 * A burst that grows the young generation, then idleness until releaseMemoryWhenIdle (in scope) gave it back or 20 s
 * passed; `report` is called with what it grew to and what it holds after.
 */
const burst = (report: string) => `
const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').physical_space_size;
let kept = [];
for (let i = 0; i < 3e6; i++) { kept.push({ i, text: 'x' + i }); if (kept.length > 2e5) kept = []; }
kept = [];
const grownTo = young();
releaseMemoryWhenIdle(100);
const deadline = Date.now() + 20_000;
while (young() > ${leastYoungBytes} && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
${report}(JSON.stringify({ grownTo, after: young() }));
`;
const idleMemory = new URL('./idle-memory.ts', import.meta.url);

/** A process with the api-server's semi-spaces has the burst, then goes idle. */
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
import { releaseMemoryWhenIdle } from ${JSON.stringify(fileURLToPath(idleMemory))};
${burst('process.stdout.write')}
process.exit(0);
`;

/** The burst in a worker, tsx registered in it first: a worker does not take the process's loaders. */
const workerScript = `
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
(await import(workerData.tsx)).register();
const { releaseMemoryWhenIdle } = await import(workerData.idleMemory);
${burst('parentPort.postMessage')}
`;

/**
 * That worker given 8 MiB semi-spaces, as the thread host gives its threads, while the process's main thread keeps a core
 * busy: the thread is idle, whatever the process's CPU says.
 */
const threadScript = (workerFile: string) => `
import { Worker } from 'node:worker_threads';
const workerData = { tsx: import.meta.resolve('tsx/esm/api'), idleMemory: ${JSON.stringify(idleMemory.href)} };
const worker = new Worker(${JSON.stringify(workerFile)}, { execArgv: [], workerData, resourceLimits: { maxYoungGenerationSizeMb: 24 } });
let done = false;
worker.once('message', (m) => { done = true; process.stdout.write(m); process.exit(0); });
const spin = () => { const until = Date.now() + 40; while (Date.now() < until); if (!done) setImmediate(spin); };
spin();
`;

describe('releaseMemoryWhenIdle', () => {
  it('gives the young generation a burst grew back once the process is idle', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=16', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { grownTo, after } = JSON.parse(run.stdout) as { grownTo: number; after: number };
    expect(grownTo).toBeGreaterThan(16 * 1024 * 1024);
    expect(after).toBeLessThanOrEqual(leastYoungBytes);
  });

  it('gives back what a burst grew in a thread whose process is busy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idle-memory-'));
    const workerFile = join(dir, 'worker.mjs');
    writeFileSync(workerFile, workerScript);
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', threadScript(workerFile)], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    const { grownTo, after } = JSON.parse(run.stdout) as { grownTo: number; after: number };
    expect(grownTo).toBeGreaterThan(4 * 1024 * 1024);
    expect(after).toBeLessThanOrEqual(leastYoungBytes);
  });
});
