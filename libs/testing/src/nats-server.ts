/**
 * A real NATS server of a test's own: testcontainers' NATS module where a Docker
 * engine answers, otherwise Debian's nats-server binary on a free loopback port.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

export interface TestNats {
  url: string;
  /** How this one was started, for test titles and logs. */
  via: 'testcontainers' | 'binary';
  stop(): Promise<void>;
  /** Kills and starts it again on the same port (chaos in tests). */
  restart?(): Promise<void>;
}

function dockerReachable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function viaTestcontainers(): Promise<TestNats> {
  const { NatsContainer } = await import('@testcontainers/nats');
  const container = await new NatsContainer('nats:2.10-alpine').withJetStream().start();
  const options = container.getConnectionOptions();
  const server = Array.isArray(options.servers) ? options.servers[0] : String(options.servers);
  return { url: server.startsWith('nats://') ? server : `nats://${server}`, via: 'testcontainers', stop: async () => void (await container.stop()) };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts `nats-server` (JetStream on, its own store dir) on 127.0.0.1. */
export async function startNatsBinary(port?: number): Promise<TestNats> {
  const chosen = port ?? (await freePort());
  const storeDir = join(tempDir('nats'), 'js');
  const start = () => spawn('nats-server', ['-a', '127.0.0.1', '-p', String(chosen), '-js', '-sd', storeDir], { stdio: 'ignore' });
  let child = start();
  const ready = () => waitFor(() => portOpen(chosen), `nats-server on port ${chosen}`, 10_000);
  const kill = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  await ready();
  return {
    url: `nats://127.0.0.1:${chosen}`,
    via: 'binary',
    stop: kill,
    restart: async () => {
      await kill();
      child = start();
      await ready();
    },
  };
}

/** The helper every integration test uses. */
export async function startNats(): Promise<TestNats> {
  if (dockerReachable()) {
    try {
      return await viaTestcontainers();
    } catch {
      // A socket without a working engine: fall back to the binary, which is just as real.
    }
  }
  return startNatsBinary();
}
