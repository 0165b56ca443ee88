/**
 * How the other services talk to the api-server: commands and reads over NATS
 * request/reply, in the packets of Nest's NATS transport that the api-server serves
 * (`{pattern, data, id}`, answered `{id, response}` or `{id, err}`), on one connection
 * that also carries the event stream for informers.
 */
import type { ConnectionDrop, KubeObject, Occurrences } from '@kubelab/api';
import { connect, type NatsConnection } from 'nats';
import type { ApiBusReply, ApiBusRequest, EtcdRequest, EventReplayReply, EventReplayRequest, KubeadmRequest, PodHttpReply, PodHttpRequest } from './messages.js';
import { apiRequestSubject, busConnectionOptions, type BusIdentity } from './bus-identity.js';
import { bucketReplicas, natsServers, untilNatsAnswers } from './nats-servers.js';
import { subjects } from './subjects.js';

/** A refusal from the api-server, carrying its Status. */
export class ApiRequestError extends Error {
  constructor(readonly code: number, readonly status: { reason?: string; message?: string }) {
    super(status.message ?? `api-server answered ${code}`);
  }
}

/** A refusal's Status (any reply above 299 carries one), as much of it as this client reads. */
const statusOf = (reply: ApiBusReply): { reason?: string; message?: string } => (isRecord(reply.body) ? reply.body : {});

/** The reply of a success; a refusal (any code above 299) is thrown as an ApiRequestError. */
function succeeded(reply: ApiBusReply): ApiBusReply {
  if (reply.code >= 300) throw new ApiRequestError(reply.code, statusOf(reply));
  return reply;
}

const isRecord = (value: unknown): value is Record<string, string | undefined> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Names a resource as the URL does. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

/** A list reply (one page, or the pages together), its items of the kind listed. */
export interface ObjectList<T extends KubeObject = KubeObject> {
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

/** Items per list reply at first: a few hundred KiB of ordinary pods, well under NATS' 1 MiB message limit. */
const listPageSize = 250;

/** The api-server's 500 for a page too large for one NATS reply (bus-requests.ts). */
const tooLargeForOneReply = /larger than one NATS reply may be/;

/**
 * How every lab process holds its NATS connection: reconnect for ever, and ping every
 * 5 s so a connection that died without a word (the container engine took the network
 * away in a partition drill) is noticed within seconds, not after nats.js' 2 minutes.
 * No async traces: nats.js otherwise captures two stacks for every request, in case it
 * fails (a 2 KB request and its reply took 25-30 µs of CPU with them, 15-16 without);
 * a failed request is reported by its message, which stays.
 */
export const natsConnectionOptions = { maxReconnectAttempts: -1, pingInterval: 5_000, maxPingOut: 2, noAsyncTraces: true } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let packets = 0;

/**
 * One request in Nest's NATS packet, and its reply's response: the first reply the api-server sends (Nest's client
 * takes no other for a request answered once); its `err` is thrown, as Nest's client errors with it; no reply within
 * `ms`, or no api-server listening, is nats.js' error.
 */
async function requestPacket<T>(connection: NatsConnection, subject: string, data: unknown, ms: number): Promise<T> {
  const id = `${process.pid}.${++packets}`;
  const reply = await connection.request(subject, encoder.encode(JSON.stringify({ pattern: subject, data, id })), { timeout: ms });
  const packet = JSON.parse(decoder.decode(reply.data)) as { response?: T; err?: unknown };
  if (packet.err !== undefined && packet.err !== null) throw packet.err;
  return packet.response as T;
}

export class ApiClient {
  private constructor(
    readonly connection: NatsConnection,
    readonly actor: string,
    private readonly identity: BusIdentity,
    /** The subject requests go on: the identity's own, which the api-server reads as who is asking. */
    private readonly subject: string,
    private readonly timeoutMs: number,
    /** Copies of a lab bucket this process makes: one per NATS server it was given, at most three (nats-servers.ts). */
    readonly bucketReplicas: number,
  ) {}

  /**
   * Connects to NATS (`natsUrl` names one server or, comma-separated, the members of a cluster) as `identity` (signing in
   * with the nkey seed in `nkeyFile`, when the lab's NATS asks for credentials); `actor` names this component in the event log.
   */
  static async connect(natsUrl: string, actor: string, identity: BusIdentity, nkeyFile?: string, timeoutMs = 10_000): Promise<ApiClient> {
    const options = { servers: natsServers(natsUrl), name: actor, ...natsConnectionOptions, ...busConnectionOptions(identity, nkeyFile) };
    const connection = await untilNatsAnswers(`the connection to NATS at ${natsUrl}`, () => connect(options));
    return new ApiClient(connection, actor, identity, apiRequestSubject(identity), timeoutMs, bucketReplicas(natsUrl));
  }

  /** Sends a request and returns the reply whatever its code. */
  request(request: Omit<ApiBusRequest, 'actor'>): Promise<ApiBusReply> {
    return requestPacket<ApiBusReply>(this.connection, this.subject, { ...request, actor: this.actor }, this.timeoutMs);
  }

  /**
   * Sends a request; a non-2xx reply becomes an ApiRequestError. The body is what the api-server
   * answers for the verb (`T`: the object of the kind asked about, a list, a Status), read as such here.
   */
  async call<T = unknown>(request: Omit<ApiBusRequest, 'actor'>): Promise<T> {
    return succeeded(await this.request(request)).body as T;
  }

  /**
   * Sends a write whose result the caller does not read: a status report, an Event, a binding. The api-server answers its
   * success with the code alone, without the object it otherwise writes into the reply for the caller to parse: the
   * replies to a pod's binding, its kubelet's two reports and the Events about it came to about 15 KB nobody read. A
   * refusal is an ApiRequestError, as from call.
   */
  async send(request: Omit<ApiBusRequest, 'actor' | 'replyObject'>): Promise<void> {
    succeeded(await this.request({ ...request, replyObject: false }));
  }

  /** GETs one object; `T` is its kind where the caller knows it (`get<Pod>(podsRef, …)`). */
  get<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string): Promise<T> {
    return this.call<T>({ verb: 'get', ...r, namespace, name });
  }

  /**
   * Lists in pages (a NATS reply has a size limit); the result is as of the first page's resourceVersion. A page of large
   * objects (long annotations, many volumes) that does not fit one reply is asked again half as long.
   */
  async list<T extends KubeObject = KubeObject>(
    r: ResourceRef, namespace?: string, selectors: { labelSelector?: string; fieldSelector?: string } = {},
  ): Promise<{ metadata: { resourceVersion: string }; items: T[] }> {
    let limit = listPageSize;
    const page = async (next?: string): Promise<ObjectList<T>> => {
      for (;;) {
        const reply = await this.request({ verb: 'list', ...r, namespace, ...selectors, limit, ...(next ? { continue: next } : {}) });
        if (reply.code < 300) return reply.body as ObjectList<T>;
        if (!(reply.code === 500 && limit > 1 && tooLargeForOneReply.test(statusOf(reply).message ?? ''))) throw new ApiRequestError(reply.code, statusOf(reply));
        limit = Math.ceil(limit / 2);
      }
    };
    const first = await page();
    const items = first.items;
    for (let next = first.metadata.continue; next; ) {
      const more = await page(next);
      items.push(...more.items);
      next = more.metadata.continue;
    }
    return { metadata: { resourceVersion: first.metadata.resourceVersion }, items };
  }

  /** Creates; `T` (given, never inferred from the body) is the kind, which the api-server answers with. */
  create<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, body: NoInfer<T>, cause?: number): Promise<T> {
    return this.call<T>({ verb: 'create', ...r, namespace, body, cause });
  }

  /** Replaces; `T` (given, never inferred from the body) is the kind, which the api-server answers with. */
  update<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, body: NoInfer<T>, cause?: number): Promise<T> {
    return this.call<T>({ verb: 'update', ...r, namespace, name: body.metadata.name, body, cause });
  }

  /** Replaces the status; `T` (given, never inferred from the body) is the kind, which the api-server answers with. */
  updateStatus<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, body: NoInfer<T>, cause?: number): Promise<T> {
    return this.call<T>({ verb: 'updateStatus', ...r, namespace, name: body.metadata.name, body, cause });
  }

  /**
   * PATCH …/status (a merge patch unless told): how the kubelet reports a pod's status, touching nothing but the status, so a
   * label another writer changed meanwhile is neither reverted nor, under NodeRestriction, a refusal; and how PodGC marks a
   * pod Failed (strategic, as PatchPodStatus sends it), its role granting patch on pods/status but not update.
   */
  patchStatus<T extends KubeObject = KubeObject>(
    r: ResourceRef, namespace: string, name: string, patch: unknown, cause?: number, patchType: 'merge' | 'strategic' = 'merge',
  ): Promise<T> {
    return this.call<T>({ verb: 'patchStatus', ...r, namespace, name, body: patch, patchType, cause });
  }

  /** PUT namespaces/NAME/finalize: the namespace controller's last step, removing its `kubernetes` finalizer. */
  finalize(r: ResourceRef, body: KubeObject, cause?: number): Promise<KubeObject> {
    return this.call<KubeObject>({ verb: 'finalize', ...r, name: body.metadata.name, body, cause });
  }

  /** Deletes; gracePeriodSeconds 0 removes at once (a kubelet confirming a pod is gone). */
  delete(r: ResourceRef, namespace: string, name: string, gracePeriodSeconds?: number, cause?: number, propagationPolicy?: ApiBusRequest['propagationPolicy']): Promise<KubeObject> {
    return this.call<KubeObject>({ verb: 'delete', ...r, namespace, name, gracePeriodSeconds, cause, propagationPolicy });
  }

  /** Patches (merge, JSON or strategic merge) — for small edits that must not race a full update. */
  patch<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, patch: unknown, patchType: ApiBusRequest['patchType'] = 'merge', cause?: number): Promise<T> {
    return this.call<T>({ verb: 'patch', ...r, namespace, name, body: patch, patchType, cause });
  }

  /** GET NAME/scale: the autoscaling/v1 Scale of any kind with a scale subresource (workloads, custom resources). */
  getScale(r: ResourceRef, namespace: string, name: string): Promise<KubeObject> {
    return this.call<KubeObject>({ verb: 'getScale', ...r, namespace, name });
  }

  /** PUT NAME/scale: sets spec.replicas through the Scale (its metadata.resourceVersion, when set, must still be current). */
  updateScale(r: ResourceRef, namespace: string, scale: KubeObject, cause?: number): Promise<KubeObject> {
    return this.call<KubeObject>({ verb: 'updateScale', ...r, namespace, name: scale.metadata.name, body: scale, cause });
  }

  /** POST pods/binding: places a pod on a node. */
  bind(namespace: string, name: string, nodeName: string, cause?: number): Promise<void> {
    return this.send({ verb: 'bind', group: '', version: 'v1', plural: 'pods', namespace, name, nodeName, cause });
  }

  /** kubeadm's writes on the control-plane node (only its agent may ask), `cause` the shell session's entry that ran it; `T` is what `request.op` answers. */
  kubeadm<T>(request: KubeadmRequest, cause?: number): Promise<T> {
    return this.call<T>({ verb: 'kubeadm', group: '', version: 'v1', plural: 'pods', body: request, ...(cause === undefined ? {} : { cause }) });
  }

  /** Asks the store as etcd (only the agent of the node that runs etcd's static pod may): `T` is what `request.op` answers. */
  etcd<T>(request: EtcdRequest): Promise<T> {
    return this.call<T>({ verb: 'etcd', group: '', version: 'v1', plural: 'pods', body: request });
  }

  /** Reports a connection NetworkPolicy dropped, for the event log (a ConnectionDropped entry about the source pod). */
  recordDrop(drop: ConnectionDrop & Occurrences): Promise<unknown> {
    return this.call({ verb: 'recordDrop', group: '', version: 'v1', plural: 'pods', namespace: drop.source.namespace, name: drop.source.name, body: drop });
  }

  /**
   * POST serviceaccounts/NAME/token: a token for `serviceAccount`, as the kubelet asks one for a
   * pod's projected serviceAccountToken source (bound to the pod by `tokenRequest.spec.boundObjectRef`).
   */
  requestToken(namespace: string, serviceAccount: string, tokenRequest: object): Promise<KubeObject> {
    return this.call<KubeObject>({ verb: 'requestToken', group: '', version: 'v1', plural: 'serviceaccounts', namespace, name: serviceAccount, body: tokenRequest });
  }

  /** One request a container sends to the `kubernetes` Service, answered by the api-server as its HTTPS listener would. */
  podHttp(request: PodHttpRequest): Promise<PodHttpReply> {
    return requestPacket<PodHttpReply>(this.connection, subjects.apiPodHttp, request, this.timeoutMs);
  }

  /** The committed events after `request.after` an informer missed, from the api-server that publishes the stream. */
  async replay(request: EventReplayRequest): Promise<EventReplayReply> {
    const reply = await this.connection.request(subjects.eventReplay, encoder.encode(JSON.stringify(request)), { timeout: this.timeoutMs });
    return JSON.parse(decoder.decode(reply.data)) as EventReplayReply;
  }

  /** The same connection acting as another component (each controller names itself in the log). */
  as(actor: string): ApiClient {
    return new ApiClient(this.connection, actor, this.identity, this.subject, this.timeoutMs, this.bucketReplicas);
  }

  /** The same connection acting as the kubelet of `node` (an agent hosting several nodes speaks for each on its subject). */
  forNode(node: string, actor = this.actor): ApiClient {
    return new ApiClient(this.connection, actor, this.identity, apiRequestSubject(this.identity, node), this.timeoutMs, this.bucketReplicas);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
