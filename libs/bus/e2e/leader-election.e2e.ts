import { startNats, waitFor, type TestNats } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaderElector, readLeader } from '../src/leader-election.js';

const timings = { leaseDurationSeconds: 1, renewDeadlineSeconds: 0.6, retryPeriodSeconds: 0.1 };

describe('leader election through a NATS KV lease', () => {
  let nats: TestNats;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    nats = await startNats();
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await nats?.stop();
  });

  async function candidate(lease: string, identity: string, log: string[]) {
    const nc = await connect({ servers: nats.url });
    connections.push(nc);
    return LeaderElector.start(nc, {
      lease, identity, ...timings,
      onStartedLeading: () => log.push(`${identity} leads`),
      onStoppedLeading: () => log.push(`${identity} stops`),
    });
  }

  it('elects exactly one of two candidates and keeps it while it renews', async () => {
    const log: string[] = [];
    const a = await candidate('one-of-two', 'a', log);
    const b = await candidate('one-of-two', 'b', log);
    await waitFor(() => a.isLeader || b.isLeader, 'a leader');
    const before = await readLeader(connections[0], 'one-of-two');
    await new Promise((r) => setTimeout(r, 1_500));
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    expect(log).toHaveLength(1);
    const after = await readLeader(connections[0], 'one-of-two');
    expect(after?.holderIdentity).toBe(before?.holderIdentity);
    expect(Date.parse(after!.renewTime)).toBeGreaterThan(Date.parse(before!.renewTime));
    await a.stop();
    await b.stop();
  });

  it('hands over when the leader leaves, and when it dies without a word', async () => {
    const log: string[] = [];
    const first = await candidate('handover', 'first', log);
    const second = await candidate('handover', 'second', log);
    expect(first.isLeader).toBe(true);
    await first.stop();
    await waitFor(() => second.isLeader, 'second takes over after a release', 2_000);
    const third = await candidate('handover', 'third', log);
    await connections.at(-2)!.close();
    const start = Date.now();
    await waitFor(() => third.isLeader, 'third takes over after the leader vanished', 5_000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(timings.leaseDurationSeconds * 1000 - 200);
    expect((await readLeader(connections[0], 'handover'))?.leaseTransitions).toBe(1);
    await third.stop();
  });
});
