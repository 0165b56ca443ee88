/**
 * A real NATS cluster of a test's own: Debian's nats-server binaries on free loopback ports, routed
 * to each other, JetStream on in a temp store dir per member, so tests can kill a member mid-stream
 * and start it again (chaos in tests) as they restart a single server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connect } from 'nats';
import { freePort } from './free-port.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

export interface TestNatsCluster {
  /** Each member's client URL, member i at urls[i]. */
  urls: string[];
  /** All of them comma-separated, as --nats-url takes them. */
  url: string;
  /** SIGKILLs member i (its store dir stays). */
  kill(i: number): Promise<void>;
  /** Starts member i again on its ports and store dir; resolves once JetStream answers through it. */
  start(i: number): Promise<void>;
  stop(): Promise<void>;
}

interface Member {
  name: string;
  port: number;
  clusterPort: number;
  storeDir: string;
  child?: ChildProcess;
}

/** Distinct free ports: freePort alone may hand out one twice before anything binds it. */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** True once JetStream answers through the member at `url` (the cluster has a metadata leader it knows). */
async function jetStreamAnswers(url: string): Promise<boolean> {
  const nc = await connect({ servers: url, reconnect: false, timeout: 1000 }).catch(() => undefined);
  if (!nc) return false;
  try {
    const jsm = await nc.jetstreamManager({ timeout: 1000 });
    return await jsm.getAccountInfo().then(() => true, () => false);
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

/** Starts `size` routed nats-server members named nats-1 … nats-N; resolves once JetStream answers through each. */
export async function startNatsCluster(size = 3): Promise<TestNatsCluster> {
  const ports = await distinctFreePorts(size * 2);
  const dir = tempDir('nats-cluster');
  const members: Member[] = Array.from({ length: size }, (_, i) => ({
    name: `nats-${i + 1}`, port: ports[2 * i], clusterPort: ports[2 * i + 1], storeDir: join(dir, `nats-${i + 1}`),
  }));
  const urlOf = (m: Member) => `nats://127.0.0.1:${m.port}`;
  const routes = (m: Member) => members.filter((o) => o !== m).map((o) => `nats://127.0.0.1:${o.clusterPort}`).join(',');
  const launch = (m: Member) => {
    m.child = spawn('nats-server', [
      '-a', '127.0.0.1', '-p', String(m.port), '-n', m.name, '-js', '-sd', m.storeDir,
      '--cluster_name', 'kubelab-test', '--cluster', `nats://127.0.0.1:${m.clusterPort}`, '--routes', routes(m),
    ], { stdio: 'ignore' });
  };
  const ready = (m: Member) => waitFor(() => jetStreamAnswers(urlOf(m)), `JetStream through ${m.name} on port ${m.port}`, 30_000, 100);
  const kill = (m: Member) => new Promise<void>((resolve) => {
    const child = m.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  const member = (i: number) => {
    const m = members[i];
    if (!m) throw new Error(`the cluster has members 0 to ${size - 1}, not ${i}`);
    return m;
  };
  members.forEach(launch);
  await Promise.all(members.map(ready));
  return {
    urls: members.map(urlOf),
    url: members.map(urlOf).join(','),
    kill: (i) => kill(member(i)),
    start: async (i) => {
      const m = member(i);
      await kill(m);
      launch(m);
      await ready(m);
    },
    stop: async () => void (await Promise.all(members.map(kill))),
  };
}
