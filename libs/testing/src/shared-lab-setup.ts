/**
 * Global setup of an e2e run (vitest.e2e.config.ts): a data dir for the run's shared lab, which
 * the first suite that asks starts (sharedLab), and which is stopped when the run ends.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import './provided-context.js';

const kubelabBin = fileURLToPath(new URL('../../../apps/kubelab/bin/kubelab.mjs', import.meta.url));

export default function setup(project: TestProject): () => void {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-shared-lab-'));
  project.provide('sharedLabDir', dataDir);
  return () => {
    if (existsSync(join(dataDir, 'lab.json'))) spawnSync(process.execPath, [kubelabBin, 'down', '--data-dir', dataDir], { stdio: 'ignore', timeout: 60_000 });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
