#!/usr/bin/env node
// `npm test` once ensure-deps has run: every check of the workspace in two lanes that together
// end soonest on a 2-core machine. The e2e lane is one run of every e2e suite, two at a time,
// longest first (vitest.e2e.config.ts); beside it the checks lane runs the typecheck, the lint
// and the unit specs, each once over the whole workspace (per project they re-imported libs/api
// 22 times). The typecheck and the lint run at a lower CPU priority (nice 10): they wait on no
// clock, so the labs of the e2e suites keep their timers and leases on time and the two take the
// CPU the labs leave; the unit specs, some of which measure real time, run as the labs do. Each
// line says its lane; the exit code is 1 when any step failed, and a summary names the steps and
// how long each took. `nx run <project>:test|lint|e2e` runs one project's.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;

const lanes = {
  e2e: [['e2e', bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts']]],
  checks: [
    ['typecheck', 'nice', ['-n', '10', bin('tsc'), '-p', 'tsconfig.json']],
    ['typecheck page', 'nice', ['-n', '10', bin('tsc'), '-p', 'apps/dashboard/tsconfig.page.json']],
    // The lint's module boundaries rule reads the project graph Nx keeps in .nx/workspace-data; where none was written yet
    // (a fresh clone) it skips itself with a warning. `nx show projects` writes it.
    ['project graph', 'sh', ['-c', `"${bin('nx')}" show projects > /dev/null`]],
    ['lint', 'nice', ['-n', '10', bin('eslint'), '.']],
    ['unit', bin('vitest'), ['run', '--passWithNoTests']],
  ],
};

/** Runs one step, its output line by line behind its name; resolves to its exit code. */
function step(name, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${name}: ${line}\n`));
    }
    child.on('error', (error) => {
      process.stdout.write(`${name}: could not run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const results = [];
const began = Date.now();
await Promise.all(Object.values(lanes).map(async (steps) => {
  for (const [name, command, args] of steps) {
    const start = Date.now();
    const code = await step(name, command, args);
    results.push({ name, code, seconds: Math.round((Date.now() - start) / 1000) });
  }
}));

const failed = results.filter((r) => r.code !== 0);
console.log(`\nnpm test: ${Math.round((Date.now() - began) / 1000)} s`);
for (const r of results) console.log(`  ${r.code === 0 ? '✓' : '✗'} ${r.name.padEnd(15)} ${r.seconds} s${r.code === 0 ? '' : ` (exit code ${r.code})`}`);
if (failed.length) {
  console.log(`failed: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
