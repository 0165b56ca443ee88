#!/usr/bin/env node
// Installs what `npm start` and `npm test` need and a fresh machine lacks:
// the npm packages (npm ci, also when package.json names one node_modules lacks) and
// Debian's nats-server; with --for-tests also Debian's postgresql, on which the event log's suites run
// too, Debian's chromium, for the dashboard's
// browser test, docker-compose, which checks deploy/docker-compose.yml (no Docker
// engine needed), python3-kubernetes, the Python client the TLS test drives, zsh and
// tmux, in which the completion test runs a real zsh, and,
// where no Docker engine answers, podman, podman-compose, catatonit and mmdebstrap, the
// engine the compose lab's test runs under (skipped, saying so, when they cannot be had).
// Quiet when all is there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root });

const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
const missingPackage = declared.find((name) => !existsSync(`${root}node_modules/${name}/package.json`));
if (missingPackage || !existsSync(`${root}node_modules/.package-lock.json`) || !existsSync(`${root}node_modules/better-sqlite3/build/Release/better_sqlite3.node`)) {
  console.log('kubelab: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
keepCompiledSqlite();

/**
 * better-sqlite3's addon, compiled by its install when its prebuilt binary cannot be downloaded (a minute and more of every
 * `npm ci` here), kept where prebuild-install keeps a binary it downloaded: npm's cache, under the name it looks for first.
 * The next `npm ci` on this machine (a clean clone's, CI's) installs it from there instead of compiling it again.
 */
function keepCompiledSqlite() {
  const pkgDir = `${root}node_modules/better-sqlite3`;
  if (!existsSync(`${pkgDir}/build/Release/better_sqlite3.node`) || !existsSync(`${root}node_modules/prebuild-install/util.js`)) return;
  const require = createRequire(`${pkgDir}/package.json`);
  const util = require('prebuild-install/util');
  const pkg = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8'));
  const cached = util.cachedPrebuild(util.getDownloadUrl({ ...require('prebuild-install/rc')(pkg), pkg }));
  if (existsSync(cached)) return;
  mkdirSync(dirname(cached), { recursive: true });
  execFileSync('tar', ['-czf', `${cached}.partial`, '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  renameSync(`${cached}.partial`, cached);
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

// The event log's suites run on PostgreSQL too: they start their own server from Debian's binaries (or a
// container where Docker answers). `npm start` needs none: a lab on PostgreSQL (`kubelab up --database URL`)
// uses a server you run, and kubelab says what to install when none answers there.
const postgresInstalled = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (process.argv.includes('--for-tests') && !postgresInstalled()) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's postgresql for the event log's suites on PostgreSQL…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'postgresql']);
  } else {
    console.error("kubelab: Debian's postgresql is missing; the event log's suites run on it too. Install it (Debian/Ubuntu: sudo apt-get install -y postgresql) and run the command again.");
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

if (process.argv.includes('--for-tests') && spawnSync('/usr/bin/python3', ['-c', 'import kubernetes'], { stdio: 'ignore' }).status !== 0) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's python3-kubernetes for the TLS test's Python client…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'python3-kubernetes']);
  } else {
    console.error("kubelab: Debian's python3-kubernetes is missing; the TLS test drives it. Install it (Debian/Ubuntu: sudo apt-get install -y python3-kubernetes) and run the command again.");
    process.exit(1);
  }
}

const shells = ['zsh', 'tmux'];
if (process.argv.includes('--for-tests') && shells.some((cmd) => !has(cmd))) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's zsh and tmux for the completion test (a real zsh in a terminal)…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...shells]);
  } else {
    console.error(`kubelab: the completion test runs a real zsh in tmux. Install them (Debian/Ubuntu: sudo apt-get install -y ${shells.join(' ')}) and run the command again.`);
    process.exit(1);
  }
}

const composeEngine = ['podman', 'podman-compose', 'catatonit', 'mmdebstrap'];
const dockerEngine = () => spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
if (process.argv.includes('--for-tests') && composeEngine.some((cmd) => !has(cmd)) && !dockerEngine()) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log("kubelab: installing Debian's podman, podman-compose, catatonit and mmdebstrap for the compose lab's test…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...composeEngine]);
  } else {
    console.log(`kubelab: no container engine here, so the compose lab's test will be skipped (Debian/Ubuntu: sudo apt-get install -y ${composeEngine.join(' ')})`);
  }
}
