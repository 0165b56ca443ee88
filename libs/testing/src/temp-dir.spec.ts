import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testTempRootVariable } from './temp-dir.js';

describe('tempDir under a vitest run', () => {
  it('makes its directories in the run\'s own, which the run removes as it ends (its workers end without an exit event)', () => {
    const root = process.env[testTempRootVariable];
    expect(root).toMatch(/\/kubelab-test-run-[^/]+$/);
    const dir = tempDir('spec');
    expect(dirname(dir)).toBe(root);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('leaves the run\'s directory open for other users to pass through, as a suite\'s PostgreSQL runs as postgres inside it', () => {
    expect(statSync(process.env[testTempRootVariable]!).mode & 0o111).toBe(0o111);
    expect(existsSync(tempDir('spec'))).toBe(true);
  });
});
