import { ApiClient, imageAdditionsBucket, Informer, labBucket, leaderLeaseBucket, nodeLeaseBucket, nodeUsageBucket, volumeDataBucket } from '@kubelab/bus';
import { startNatsCluster, waitFor, type TestNatsCluster } from '@kubelab/testing';
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const pods = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const podBody = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The member (its index) whose client URL ends in `server` (nats.js names it HOST:PORT). */
const memberAt = (cluster: TestNatsCluster, server: string) => cluster.urls.findIndex((u) => u.endsWith(`//${server}`));

describe('the api-server over a three-member NATS cluster', () => {
  let cluster: TestNatsCluster;
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let client: ApiClient;
  let nc: NatsConnection;

  const createOverHttp = (name: string) => fetch(`${server.url}/api/v1/namespaces/default/pods`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(podBody(name)),
  }).then((r) => expect(r.status).toBe(201));
  const namesOverHttp = async () =>
    ((await fetch(`${server.url}/api/v1/namespaces/default/pods`).then((r) => r.json())) as { items: { metadata: { name: string } }[] }).items.map((p) => p.metadata.name).sort();

  beforeAll(async () => {
    cluster = await startNatsCluster(3);
    server = await startTestApiServer(['--nats-url', cluster.url]);
    client = await ApiClient.connect(cluster.url, 'test-suite', { kind: 'admin' });
    nc = await connect({ servers: cluster.urls, maxReconnectAttempts: -1 });
  });
  afterAll(async () => {
    await nc?.close();
    await client?.close();
    await server?.close();
    await cluster?.stop();
  });

  it('makes every lab bucket with three replicas', async () => {
    expect(client.bucketReplicas).toBe(3);
    const jsm = await nc.jetstreamManager();
    for (const bucket of [imageAdditionsBucket, volumeDataBucket, nodeUsageBucket, nodeLeaseBucket, leaderLeaseBucket]) {
      expect([bucket, (await jsm.streams.info(`KV_${bucket}`)).config.num_replicas]).toEqual([bucket, 3]);
    }
  });

  it('keeps using a bucket made with one replica before the lab had a cluster', async () => {
    await nc.jetstream().views.kv('kubelab-test-r1', { history: 1, replicas: 1 });
    const kv = await labBucket(nc, 'kubelab-test-r1', 3);
    await kv.put('k', encoder.encode('v'));
    expect(decoder.decode((await kv.get('k'))!.value)).toBe('v');
    expect((await (await nc.jetstreamManager()).streams.info('KV_kubelab-test-r1')).config.num_replicas).toBe(1);
  });

  it('loses no value acknowledged before the bucket leader is killed, and takes writes without it', async () => {
    // JetStream's API may time out while a young cluster settles its meta leader on a loaded machine: asked again until it answers.
    const answered = <T>(ask: () => Promise<T>, what: string) => waitFor(() => ask().catch(() => undefined), what, 30_000, 200);
    const kv: KV = await answered(() => labBucket(nc, volumeDataBucket, 3), 'the volume bucket');
    const keys = Array.from({ length: 100 }, (_, i) => `pv.acked.k${i}`);
    for (const key of keys) await kv.put(key, encoder.encode(key));
    const leaderName = (await answered(async () => (await nc.jetstreamManager()).streams.info(`KV_${volumeDataBucket}`), 'the bucket\'s stream info')).cluster?.leader;
    const leader = Number(/^nats-(\d)$/.exec(leaderName ?? '')?.[1]) - 1;
    expect(leader).toBeGreaterThanOrEqual(0);
    await cluster.kill(leader);
    try {
      // A new leader is elected among the two left (on a loaded machine, its election and the client's reconnection take
      // longer than the raft timeouts suggest); then every acknowledged value reads back, and writes go on.
      await waitFor(() => kv.put('pv.after.loss', encoder.encode('x')).then(() => true), 'a write with the bucket leader gone', 45_000, 200);
      const read = await answered(() => Promise.all(keys.map(async (key) => decoder.decode((await kv.get(key))?.value ?? new Uint8Array()))), 'the acknowledged values');
      expect(read).toEqual(keys);
      // Through the api-server's own connection too: a volume's files as an agent would read them after the loss.
      const viaApiServer = await answered(async () => (await labBucket(client.connection, volumeDataBucket, 3)).get(keys[99]), 'the value through the api-server\'s connection');
      expect(decoder.decode(viaApiServer!.value)).toBe(keys[99]);
    } finally {
      await cluster.start(leader);
    }
  });

  it('keeps an informer converged and request/reply answering while each member in turn is killed mid-stream', async () => {
    const informer = new Informer(client, pods, { namespace: 'default' });
    await informer.start();
    try {
      // The informer's own member first: events published while it moves to another are missed, and the gap is found.
      const first = memberAt(cluster, client.connection.getServer());
      expect(first).toBeGreaterThanOrEqual(0);
      const order = [first, ...[0, 1, 2].filter((i) => i !== first)];
      for (const [round, member] of order.entries()) {
        const writes: Promise<void>[] = [];
        for (let i = 0; i < 30; i++) {
          if (i === 10) await cluster.kill(member);
          writes.push(createOverHttp(`r${round}-${i}`));
          if (i % 5 === 0) await Promise.all(writes);
        }
        await Promise.all(writes);
        // Request/reply reaches the api-server through the members left (once its subscription is known on them again: a
        // request no one could take is answered "no responders" at once, so a caller may send it again).
        const viaNats = await waitFor(() => client.create(pods, 'default', podBody(`r${round}-nats`)).catch((e: Error) => {
          if (/no subscribers/.test(e.message)) return undefined;
          throw e;
        }), 'the api-server to answer over NATS', 20_000, 100);
        expect(viaNats.metadata.uid).toBeTruthy();
        const expected = await namesOverHttp();
        expect(expected).toHaveLength(31 * (round + 1));
        await waitFor(() => informer.resourceVersion >= Number(viaNats.metadata.resourceVersion)
          && JSON.stringify(informer.list().map((p) => p.metadata.name).sort()) === JSON.stringify(expected),
          `the informer to converge after nats-${member + 1} was killed (round ${round + 1})`, 20_000);
        // The first loss was the informer's own member: the events it missed there were found missing, and replayed (or,
        // when no api-server answered the replay meanwhile, listed).
        if (round === 0) expect(informer.replays + informer.relists).toBeGreaterThan(0);
        await cluster.start(member);
      }
    } finally {
      informer.stop();
    }
  });
});
