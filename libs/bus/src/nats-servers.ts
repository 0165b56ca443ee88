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
 * How long a component at its start waits for NATS: to connect, to make or bind a bucket, to begin a watch of one.
 * Each try times out (a connection after 20 s, a JetStream request after 5 s); on two cores busy with labs starting
 * beside each other one of them has, now and then, and the component exited "could not start: TIMEOUT".
 */
const setupPatienceMs = 60_000;

/**
 * JetStream's API error "no suitable peers for placement" (err_code 10005): a NATS cluster still forming, whose
 * metadata leader does not yet know enough members to place a bucket's copies. Under load it was the first answer to
 * a lab on three members, and a bucket the api-server makes once was never made.
 */
const clusterForming = (e: unknown) => (e as { api_error?: { err_code?: number } }).api_error?.err_code === 10005;
/** Real milliseconds between asks while the cluster forms (a refused placement answers at once; a timeout waits itself). */
const formingRetryMs = 250;

/**
 * `ask` (a connection, a bucket made or bound, a watch begun: trying again is harmless) tried again while NATS times
 * out or the cluster is still forming, for up to a minute; then an Error that says `what` was not answered and why.
 * Any other error is thrown at once.
 */
export async function untilNatsAnswers<T>(what: string, ask: () => Promise<T>, patienceMs = setupPatienceMs): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      return await ask();
    } catch (e) {
      const forming = clusterForming(e);
      if ((e as { code?: string }).code !== 'TIMEOUT' && !forming) throw e;
      const within = `within ${Math.round(patienceMs / 1000)} s`;
      if (Date.now() >= deadline) {
        throw new Error(forming
          ? `${what} was not placed ${within} (JetStream: no suitable peers for placement): are the NATS cluster's members up and routed to each other?`
          : `${what} was not answered ${within} (NATS TIMEOUT): is nats-server overloaded?`);
      }
      if (forming) await new Promise((resolve) => setTimeout(resolve, formingRetryMs));
    }
  }
}

/**
 * A lab bucket (one value per key), made with `replicas` copies when it does not exist yet; an existing bucket is
 * bound as it is, so a bucket an earlier single-server lab made (one copy) stays usable. Making a bucket twice binds
 * the one made first, so a busy JetStream is asked again (untilNatsAnswers).
 */
export function labBucket(nc: NatsConnection, name: string, replicas: number): Promise<KV> {
  return untilNatsAnswers(`JetStream's bucket ${name}`, () => nc.jetstream().views.kv(name, { history: 1, replicas }));
}

/** A watch of the lab bucket `name` begun, asked again while a busy JetStream times out (untilNatsAnswers). */
export function watchLabBucket(kv: KV, name: string, options?: KvWatchOptions): Promise<QueuedIterator<KvEntry>> {
  return untilNatsAnswers(`a watch of JetStream's bucket ${name}`, () => kv.watch(options));
}
