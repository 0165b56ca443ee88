#!/usr/bin/env node
// Rewrites libs/testing/e2e-durations.json, the e2e run's order (longest first), from what a run
// printed: `npm test > LOG` (or an e2e run's output), then `npm run e2e-durations -- LOG`.
// A suite the log does not name keeps its old duration; a suite that no longer exists is dropped.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const log = process.argv[2];
if (!log || !existsSync(log)) {
  console.error('usage: npm run e2e-durations -- LOG   (LOG: what `npm test` printed)');
  process.exit(2);
}
const file = new URL('../../libs/testing/e2e-durations.json', import.meta.url);
const durations = JSON.parse(readFileSync(file, 'utf8'));
// eslint-disable-next-line no-control-regex
const plain = readFileSync(log, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let measured = 0;
for (const [, path, ms] of plain.matchAll(/✓ (\S+\.e2e\.ts) \(\d+ tests?\) (\d+)ms/g)) {
  durations[path] = Math.round(Number(ms) / 1000);
  measured += 1;
}
const kept = Object.entries(durations).filter(([path]) => existsSync(new URL(`../../${path}`, import.meta.url)));
writeFileSync(file, `${JSON.stringify(Object.fromEntries(kept.sort(([, a], [, b]) => b - a)), null, 2)}\n`);
console.log(`e2e-durations.json: ${measured} suites measured, ${kept.length} in all`);
