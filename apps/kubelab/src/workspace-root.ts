/**
 * Where the workspace is: the CLI runs from its bundle in dist/ (apps/kubelab/bin builds it) and,
 * in tests, from its source in apps/kubelab/src, at different depths. The root is the nearest
 * folder above either that holds the CLI's bin.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const binInRoot = 'apps/kubelab/bin/kubelab.mjs';

function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, binInRoot))) return dir;
    if (dirname(dir) === dir) throw new Error(`kubelab: no ${binInRoot} above ${fileURLToPath(import.meta.url)}; run kubelab from its workspace`);
  }
}

/** The workspace root (the folder with package.json, apps/ and dist/). */
export const workspaceRoot = findRoot();

/** The CLI's entry, which bundles what is stale and runs the CLI: what `up --detach` starts in the background. */
export const kubelabBin = join(workspaceRoot, binInRoot);
