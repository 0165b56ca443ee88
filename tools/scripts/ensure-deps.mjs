#!/usr/bin/env node
// Installs what `npm start` and `npm test` need and a fresh machine lacks:
// the npm packages (npm ci) and Debian's nats-server; with --for-tests also
// Debian's chromium, for the dashboard's browser test, and docker-compose, which
// checks deploy/docker-compose.yml (no Docker engine needed). Quiet when all is there.
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

if (process.argv.includes('--for-tests') && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's chromium for the dashboard's browser test…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  } else {
    console.error("kubelab: /usr/bin/chromium is missing; the dashboard's browser test needs it. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) and run the command again.");
    process.exit(1);
  }
}

if (process.argv.includes('--for-tests') && !existsSync('/usr/bin/docker-compose')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's docker-compose to check deploy/docker-compose.yml…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'docker-compose']);
  } else {
    console.error("kubelab: /usr/bin/docker-compose is missing; the compose file's test needs it. Install it (Debian/Ubuntu: sudo apt-get install -y docker-compose) and run the command again.");
    process.exit(1);
  }
}
