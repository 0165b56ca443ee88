import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labLogTails, logTailLines } from './lab-logs.js';
import { tempDir } from './temp-dir.js';

describe("a lab's log tails", () => {
  it('gives the last lines of each log that has any, in name order, long lines cut', () => {
    const dataDir = tempDir('lab-logs');
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(join(dataDir, 'logs/supervisor.log'), Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n');
    writeFileSync(join(dataDir, 'logs/api-server.log'), `${'x'.repeat(700)}\n`);
    writeFileSync(join(dataDir, 'logs/scheduler.log'), '');
    const lines = labLogTails(dataDir)!.trimEnd().split('\n');
    expect(lines[0]).toBe(`a test failed on the lab in ${dataDir}; the last ${logTailLines} lines of each of its logs that has any:`);
    expect(lines[1]).toBe('--- api-server.log (1 line)');
    expect(lines[2]).toBe(`${'x'.repeat(600)}…`);
    expect(lines[3]).toBe('--- supervisor.log (50 lines)');
    expect(lines.slice(4)).toEqual(Array.from({ length: logTailLines }, (_, i) => `line ${i + 10}`));
  });

  it('gives nothing for a lab whose logs are empty or missing', () => {
    const dataDir = tempDir('lab-logs');
    expect(labLogTails(dataDir)).toBeUndefined();
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(join(dataDir, 'logs/nats.log'), '\n');
    expect(labLogTails(dataDir)).toBeUndefined();
  });
});
