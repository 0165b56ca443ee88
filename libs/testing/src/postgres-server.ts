/**
 * A real PostgreSQL of a test's own: testcontainers' PostgreSQL module where a Docker
 * engine answers, otherwise Debian's binaries (initdb, postgres) in a temp dir on a free
 * loopback port, run as the `postgres` user when the tests run as root.
 *
 * fsync stays on in both: the crash suites SIGKILL the server and count on every
 * acknowledged commit being there after the restart, as on a real installation
 * (a killed process alone would not lose the OS's pages, but these suites should
 * prove what a deployment runs, not a faster variant).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

export interface TestPostgres {
  /** postgres://…/postgres: the server's maintenance database. */
  url: string;
  /** How this one was started, for test titles and logs. */
  via: 'testcontainers' | 'binary';
  /** Creates an empty database of its own and returns its URL. */
  newDatabase(): Promise<string>;
  /** SIGKILLs the server (every PostgreSQL process of it at once, as a crash would). */
  kill(): Promise<void>;
  /** Starts it again after kill() on the same port and data, and waits until it accepts queries. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function dockerReachable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

let databases = 0;

/** Waits until the server answers a query (not just its port: recovery after a crash takes a moment). */
async function answering(url: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, `PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} to answer`, timeoutMs, 50);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function createDatabase(url: string): Promise<string> {
  const name = `kubelab_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(url, name);
}

async function viaTestcontainers(): Promise<TestPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { getContainerRuntimeClient } = await import('testcontainers');
  // A fixed host port, so that the URL stays the same across kill() and restart().
  const port = await freePort();
  const container = await new PostgreSqlContainer('postgres:15-alpine').withExposedPorts({ container: 5432, host: port }).start();
  const url = container.getConnectionUri();
  const runtime = await getContainerRuntimeClient();
  const handle = runtime.container.getById(container.getId());
  return {
    url, via: 'testcontainers',
    newDatabase: () => createDatabase(url),
    kill: async () => void (await handle.kill({ signal: 'SIGKILL' })),
    restart: async () => {
      await runtime.container.start(handle);
      await answering(url);
    },
    stop: async () => void (await container.stop()),
  };
}

/** The newest Debian PostgreSQL's bin dir (/usr/lib/postgresql/N/bin). */
function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/postgres'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error("PostgreSQL's binaries are missing (/usr/lib/postgresql/*/bin): install Debian's postgresql (sudo apt-get install -y postgresql)");
  return join(base, versions[0], 'bin');
}

/** uid and gid of the `postgres` user, under which a root test runs the server (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('tests run as root but there is no postgres user to run PostgreSQL as: install Debian\'s postgresql');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`))));
  });
}

/** Runs initdb and then `postgres` itself (its own process group, so kill() takes every backend with it). */
export async function startPostgresBinary(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const user = postgresUser();
  const dir = tempDir('postgres');
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = (): ChildProcess => spawn(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'max_connections=200',
  ], { stdio: 'ignore', detached: true, ...user });
  // A test process that ends in any way (a vitest worker is torn down without an exit event) must not leave a server
  // behind: a guardian shell holds a pipe from this process and kills the server when it closes.
  const guard = (server: ChildProcess): ChildProcess => {
    const guardian = spawn('sh', ['-c', `cat > /dev/null; kill -9 -${server.pid} 2>/dev/null`], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    (guardian.stdin as unknown as { unref(): void }).unref();
    guardian.unref();
    server.once('exit', () => guardian.kill('SIGKILL'));
    return guardian;
  };
  let child = start();
  guard(child);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = () => new Promise<void>((resolve) => {
    if (exited()) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGKILL');
  });
  // Backends of a killed server may hold its shared memory a moment longer: start again until one stays up.
  const startAnswering = async () => {
    await waitFor(async () => {
      if (exited()) guard((child = start()));
      await answering(url, 2000);
      return true;
    }, `PostgreSQL on port ${port} to start`, 30_000, 100);
  };
  await startAnswering();
  return {
    url, via: 'binary',
    newDatabase: () => createDatabase(url),
    kill,
    restart: startAnswering,
    stop: kill,
  };
}

/** The helper every PostgreSQL test uses. */
export async function startPostgres(): Promise<TestPostgres> {
  if (dockerReachable()) {
    try {
      return await viaTestcontainers();
    } catch {
      // A socket without a working engine: fall back to the binaries, which are just as real.
    }
  }
  return startPostgresBinary();
}
