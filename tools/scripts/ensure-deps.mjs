#!/usr/bin/env node
// Installs what `npm start` and `npm test` need and a fresh machine lacks:
// the npm packages (npm ci) and Debian's nats-server. Quiet when all is there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root });

if (!existsSync(`${root}node_modules/.package-lock.json`) || !existsSync(`${root}node_modules/better-sqlite3/build/Release/better_sqlite3.node`)) {
  console.log('kubelab: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (!has('nats-server')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's nats-server…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'nats-server']);
  } else {
    console.error('kubelab: nats-server is missing. Install it (Debian/Ubuntu: sudo apt-get install -y nats-server) and run the command again.');
    process.exit(1);
  }
}
