/**
 * One NATS server or a NATS cluster: a process's --nats-url (or KUBELAB_NATS_URL) names one server or,
 * comma-separated, several members of one cluster; nats.js is given them all and moves to another when
 * the one it is on goes away. The lab's JetStream buckets are made with one replica per member named, at
 * most three (JetStream's R3), so losing one member of a cluster loses no value acknowledged.
 */
import type { KV, KvEntry, KvWatchOptions, NatsConnection, QueuedIterator } from 'nats';

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
 * How long a component at its start waits for JetStream to make or bind a bucket, or to begin a watch of one. Each ask
 * times out after JetStream's 5 s; a nats-server on two cores busy with labs starting beside each other has answered
 * later than that, and the component that asked exited "could not start: TIMEOUT".
 */
const setupPatienceMs = 60_000;

/**
 * `ask` (a bucket made or bound, a watch begun: asking again is harmless) asked again while JetStream times out, for
 * up to a minute; then an Error naming `what` was not answered. Any other error is thrown at once.
 */
export async function untilJetStreamAnswers<T>(what: string, ask: () => Promise<T>, patienceMs = setupPatienceMs): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      return await ask();
    } catch (e) {
      if ((e as { code?: string }).code !== 'TIMEOUT') throw e;
      if (Date.now() >= deadline) throw new Error(`NATS JetStream did not answer ${what} within ${Math.round(patienceMs / 1000)} s (TIMEOUT): is nats-server overloaded?`);
    }
  }
}

/**
 * A lab bucket (one value per key), made with `replicas` copies when it does not exist yet; an existing bucket is
 * bound as it is, so a bucket an earlier single-server lab made (one copy) stays usable. Making a bucket twice binds
 * the one made first, so a busy JetStream is asked again (untilJetStreamAnswers).
 */
export function labBucket(nc: NatsConnection, name: string, replicas: number): Promise<KV> {
  return untilJetStreamAnswers(`for the bucket ${name}`, () => nc.jetstream().views.kv(name, { history: 1, replicas }));
}

/** A watch of the lab bucket `name` begun, asked again while a busy JetStream times out (untilJetStreamAnswers). */
export function watchLabBucket(kv: KV, name: string, options?: KvWatchOptions): Promise<QueuedIterator<KvEntry>> {
  return untilJetStreamAnswers(`for a watch of the bucket ${name}`, () => kv.watch(options));
}
