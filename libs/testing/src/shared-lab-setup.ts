/**
 * Global setup of an e2e run (vitest.e2e.config.ts): the lab's bundles built from the sources
 * when stale (the bin does it before any command), so that suites start a service from its bundle
 * (appMain) as the lab does; and a directory for the run's shared labs, one per worker, which the
 * first suite of a worker that asks starts (sharedLab), which the worker's first file that does not
 * use it stops (shared-lab-release.ts), and which are all stopped when the run ends.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import './provided-context.js';

const kubelabBin = fileURLToPath(new URL('../../../apps/kubelab/bin/kubelab.mjs', import.meta.url));

export default function setup(project: TestProject): () => void {
  const built = spawnSync(process.execPath, [kubelabBin, '--help'], { encoding: 'utf8', timeout: 300_000 });
  if (built.status !== 0) throw new Error(`the lab's bundles could not be built: ${built.stderr}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-shared-labs-'));
  project.provide('sharedLabDir', dataDir);
  return () => {
    for (const lab of readdirSync(dataDir).map((name) => join(dataDir, name))) {
      if (existsSync(join(lab, 'lab.json'))) spawnSync(process.execPath, [kubelabBin, 'down', '--data-dir', lab], { stdio: 'ignore', timeout: 60_000 });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
