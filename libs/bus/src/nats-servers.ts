/**
 * One NATS server or a NATS cluster: a process's --nats-url (or KUBELAB_NATS_URL) names one server or,
 * comma-separated, several members of one cluster; nats.js is given them all and moves to another when
 * the one it is on goes away. The lab's JetStream buckets are made with one replica per member named, at
 * most three (JetStream's R3), so losing one member of a cluster loses no value acknowledged.
 */
import type { KV, NatsConnection } from 'nats';

/** The members a --nats-url names, in its order; an Error whose message says what to fix when one is no NATS URL. */
export function natsServers(natsUrl: string): string[] {
  const servers = natsUrl.split(',').map((s) => s.trim()).filter(Boolean);
  if (servers.length === 0) throw new Error(`--nats-url must name a NATS server such as nats://127.0.0.1:4222, got "${natsUrl}"`);
  const bad = servers.find((s) => !URL.canParse(s.includes('://') ? s : `nats://${s}`));
  if (bad !== undefined) throw new Error(`--nats-url takes NATS URLs such as nats://127.0.0.1:4222, comma-separated for a cluster; "${bad}" is none`);
  return servers;
}

/** JetStream's largest usual replication: three copies survive the loss of any one member. */
const maxReplicas = 3;

/** Copies of each lab bucket for a process given these servers: one per member, at most three. */
export function bucketReplicas(natsUrl: string): number {
  return Math.min(maxReplicas, natsServers(natsUrl).length);
}

/**
 * A lab bucket (one value per key), made with `replicas` copies when it does not exist yet; an existing bucket is
 * bound as it is, so a bucket an earlier single-server lab made (one copy) stays usable.
 */
export function labBucket(nc: NatsConnection, name: string, replicas: number): Promise<KV> {
  return nc.jetstream().views.kv(name, { history: 1, replicas });
}
