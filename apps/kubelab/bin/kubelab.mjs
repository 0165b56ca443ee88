#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=2 --heap-growing-percent=50
// Bundles the CLI and the lab's services when their sources changed, then runs the CLI. Node's flag is the one
// every process of the lab runs with (components.ts nodeFlags): `kubelab up` is the supervisor.
import { fileURLToPath } from 'node:url';
import { bundleFile, ensureBundles } from './bundle.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
try {
  await ensureBundles(root);
} catch (e) {
  process.stderr.write(`kubelab: could not build the lab's services:\n${e.message}\nfix the error above (npm run typecheck shows it too) and try again\n`);
  process.exit(1);
}
await import(bundleFile(root, 'apps/kubelab/src/main.ts'));
