/**
 * Assembles the api-server: event log, projection, committer, HTTP (Nest on Fastify)
 * and the NATS transport. Start-up: migrate, load the projection, bootstrap, listen.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import { dirname } from 'node:path';
import { ApiError, etcdRestoredType, firstServiceIp, isAuditEntry, isRecordedRefusal, shareManagedFields, storedTypeOf, versionInfo, type ConfigMap, type KubeObject } from '@kubelab/api';
import { checkLogTail, compactLog, horizonSeq, isDamage, isPostgresUrl, lastSeq, listenForAppends, maskDatabase, migrateToLatest, missedAppends, openEventLog, readEvents, readObjects, replay, type Database, type EventLog } from '@kubelab/event-store';
import {
  bucketReplicas, busConnectionOptions, imageAdditions, labClockConfigMap, labClockOffsetOf, natsConnectionOptions, natsServers, subjects, untilNatsAnswers, volumeData, type BusIdentity, type StaticPodStarts,
} from '@kubelab/bus';
import { apiServerNames } from '@kubelab/pki';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { connect, type NatsConnection } from 'nats';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ApiService } from './api.service.js';
import { EtcdStore } from './etcd/etcd-store.js';
import { AppModule } from './app.module.js';
import { bootstrapCluster } from './bootstrap.js';
import { CrdController } from './crd/crd-controller.js';
import type { ApiServerConfig } from './config.js';
import { actorOf, KubeHttp } from './http/kube-http.js';
import { undecodableUrlRefusal } from './http/route.js';
import { WatchDeliveries } from './http/watch-deliveries.js';
import { natsEventPublisher } from './nats/event-publisher.js';
import { natsEventReplay } from './nats/event-replay.js';

const apiServerIdentity: BusIdentity = { kind: 'api-server' };
import { HeartbeatLeases } from './nats/heartbeat-leases.js';
import { MetricsApiService } from './metrics/metrics-api-service.js';
import { ResourceMetrics } from './metrics/resource-metrics.js';
import { combinedLiveObjects, type LiveObjects } from './store/live-objects.js';
import { natsLogReader } from './nats/log-reader.js';
import { natsStreamBackend, SessionRecorder } from './nats/stream-sessions.js';
import { BusServer } from './nats/bus-server.js';
import { SystemNamespacesController } from './system-namespaces.js';
import { changeOf, type CommittedChange } from './store/committed-change.js';
import { commitLogOf } from './store/commit-log.js';
import { LogLeadership } from './store/log-leadership.js';
import { Committer } from './store/committer.js';
import { committedProjection, headerOf, ObjectStore, referencesOf } from './store/object-store.js';
import { WatchHub } from './store/watch-hub.js';
import { noKubeletAgent, type OpenContainerStream } from './streams/container-stream.js';
import { StreamEndpoints } from './streams/stream-endpoints.js';
import type { StreamGauge } from './streams/stream-gauge.js';
import { ensureLabPki } from './tls/lab-pki.js';
import { ServingFollowsNode } from './tls/serving-follows-node.js';
import { credentialsOf, refusedUser, RequestAuth } from './auth/request-auth.js';
import { AuditRecorder } from './audit/audit-recorder.js';
import { httpRefusal } from './audit/request-refusals.js';

/** Bodies up to this reach KubeHttp, which refuses those over 3 MiB with a 413 Status. */
const transportBodyLimit = 64 * 1024 * 1024;
const recentEventsKept = 20_000;
/** How often, and how many at most, settled pods are made SettledPods: some 30 µs each (80 for one held deflated), so a few ms in a quarter second, 200 a second. */
const settleTickMs = 250;
const settledPerTick = 50;
/**
 * What a TLS connection's response may buffer before it counts as backed up. Node pauses a keep-alive connection whose
 * socket still says "needs drain" when the next request's headers arrive, and a request body then read past the pause
 * fails as HPE_PAUSED and resets the connection: at TLS's default of 16 KiB, a response as large as a CRD's (the
 * Gateway API's are 100–400 KiB) left the socket so just as kubectl sent its next apply, which died with EOF.
 */
const responseBufferLimit = 8 * 1024 * 1024;

export interface RunningApiServer {
  /** https://…, or http://… with --insecure-http. */
  url: string;
  /** The CA PEM that signed the serving certificate; none with --insecure-http. */
  ca?: string;
  port: number;
  /** Open exec/attach/port-forward connections and container streams. */
  streams: StreamGauge;
  close(): Promise<void>;
}

/** What the api-server is built with beyond its flags. */
export interface ApiServerOptions {
  /** Reaches containers for exec, attach and port-forward; without one every stream is refused with 503. */
  openContainerStream?: OpenContainerStream;
}

async function loadState(db: Kysely<Database>, store: ObjectStore, hub: WatchHub) {
  for (const row of await readObjects(db)) {
    store.load(row.kind, row.namespace, row.name, committedProjection(row.kind, row.stored, () => shareManagedFields(JSON.parse(row.data) as KubeObject)));
  }
  const seq = await lastSeq(db);
  const recent = await readEvents(db, { afterSeq: Math.max(0, seq - recentEventsKept) });
  // Each remembered change knows the object before it when that is inside the window.
  const before = new Map<string, CommittedChange>();
  hub.remember(recent.map((e) => {
    const change = changeOf(e);
    if (isAuditEntry(e.type)) return change;
    const key = `${e.kind}/${e.namespace}/${e.name}`;
    const previous = before.get(key);
    if (previous && previous.watchType !== 'DELETED') change.previous = previous.object;
    before.set(key, change);
    return change;
  }));
  return seq;
}

/** The refusal to serve a damaged log, saying how to keep its good part (with the files to run it on, for SQLite). */
function damagedLog(file: string, e: unknown): Error {
  if (isPostgresUrl(file)) return new Error(`the event log at ${maskDatabase(file)} is damaged (${(e as Error).message}); the api-server will not serve it and changed nothing in it.
  see how far it reads:  kubelab check --database URL`);
  const dir = dirname(file);
  return new Error(`the event log ${file} is damaged (${(e as Error).message}); the api-server will not serve it and changed nothing in it.
  see how far it reads:  kubelab check --data-dir ${dir}
  keep its good part:    kubelab export --data-dir ${dir} --until LAST_GOOD_SEQ > good.ndjson
                         kubelab import good.ndjson --data-dir NEW_DIR, then kubelab up --data-dir NEW_DIR`);
}

export async function startApiServer(config: ApiServerConfig, log: Logger, options: ApiServerOptions = {}): Promise<RunningApiServer> {
  if (!isPostgresUrl(config.database)) mkdirSync(dirname(config.database), { recursive: true });
  const store = new ObjectStore(config.settlePodsAfterSeconds * 1000);
  const hub = new WatchHub(recentEventsKept);
  let eventLog: EventLog | undefined;
  let seq: number;
  try {
    eventLog = openEventLog(config.database, { busyTimeoutMs: 50, onIdleError: (e) => log.warn({ err: e.message }, 'event log connection lost') });
    await migrateToLatest(eventLog.db);
    await checkLogTail(eventLog.db);
    seq = await loadState(eventLog.db, store, hub);
  } catch (e) {
    await eventLog?.db.destroy();
    throw isDamage(e) ? damagedLog(config.database, e) : e;
  }
  const db = eventLog.db;
  let horizon = await horizonSeq(db);
  // Several api-servers may share a PostgreSQL log: each follows the others' appends, and one of them publishes on NATS.
  const shared = eventLog.kind === 'postgres';
  const committer = new Committer(commitLogOf(db, shared, eventLog.location), store, hub, config, log, seq);
  const appends = shared ? await listenForAppends(config.database, (appended) => committer.noteHead(appended), (e) => log.warn({ err: e.message }, 'lost the event log\'s append notices: reconnecting')) : undefined;
  // An append made between loading the log and listening is found by asking for the head once.
  if (shared) committer.noteHead(missedAppends);
  const leadership = shared ? await LogLeadership.start(config.database, log) : undefined;
  const leads = () => leadership?.isLeader ?? true;
  let nc: NatsConnection | undefined;
  let leases: HeartbeatLeases | undefined;
  const metrics = new ResourceMetrics(store);
  if (config.natsUrl) {
    const options = { servers: natsServers(config.natsUrl), name: 'api-server', ...natsConnectionOptions, ...busConnectionOptions(apiServerIdentity, config.natsNkey) };
    nc = await untilNatsAnswers(`the connection to NATS at ${config.natsUrl}`, () => connect(options));
    // Every lab bucket is made here first, with a copy on each member of a NATS cluster (at most three).
    const replicas = bucketReplicas(config.natsUrl);
    // Without JetStream there are no heartbeat buckets to show: the api-server serves on without them.
    const owners = { nodeUid: (node: string) => store.get('Node', '', node)?.object.metadata.uid, namespace: (name: string) => store.get('Namespace', '', name)?.object };
    leases = await HeartbeatLeases.follow(nc, replicas, () => committer.lastCommittedSeq, owners).catch((e: Error) => {
      log.warn({ err: e.message }, 'heartbeat leases unavailable');
      return undefined;
    });
    // The agents may only read the image bucket and write keys of the volume bucket (their NATS users cannot make streams): both are made here, before any starts.
    await imageAdditions(nc, replicas).catch((e: Error) => log.warn({ err: e.message }, 'image additions bucket unavailable'));
    await volumeData(nc, replicas).catch((e: Error) => log.warn({ err: e.message }, 'volume data bucket unavailable'));
    // The same for the bucket the agents report their nodes' resource use in.
    await metrics.follow(nc, replicas).catch((e: Error) => log.warn({ err: e.message }, 'resource metrics unavailable'));
  }
  const audit = new AuditRecorder((entry) => committer.record(entry), log, { throttle: config.auditThrottle });
  const liveSources: LiveObjects[] = [new MetricsApiService(new Date(), committer.lastCommittedSeq), ...(leases ? [leases] : [])];
  const etcd = new EtcdStore(store, committer, {
    replay: (toSeq) => replay(db, { toSeq }),
    horizon: () => horizon,
    restoresDone: async (mirrorPod) => new Set((await readEvents(db, { kind: 'Pod', namespace: 'kube-system', name: mirrorPod, afterSeq: horizon })).filter((e) => e.type === etcdRestoredType).map((e) => (JSON.parse(e.data) as { restoreId: string }).restoreId)),
  });
  const api = new ApiService(store, committer, () => horizon, audit, metrics, combinedLiveObjects(liveSources), etcd);
  const crds = new CrdController(store, api, log);
  committer.addPublisher(crds.onCommitted);
  crds.start();
  await bootstrapCluster(api, config.serviceCidr, config.kubeadmAddons);
  const systemNamespaces = new SystemNamespacesController(api, (name) => store.get('Namespace', '', name) !== undefined, log);
  committer.addPublisher(systemNamespaces.onCommitted);
  systemNamespaces.start();

  // Pods settled a while are held as text (SettledPod), a few at a time so that no request waits long behind them.
  const settling = setInterval(() => store.settle(settledPerTick), settleTickMs);
  const compaction = setInterval(() => {
    if (!leads()) {
      horizonSeq(db).then((h) => (horizon = h), () => undefined);
      return;
    }
    const target = committer.lastCommittedSeq - config.keepEvents;
    if (target <= horizon) return;
    compactLog(db, target, new Date()).then(
      () => {
        horizon = target;
        log.info({ horizon }, 'event log compacted');
      },
      (e: Error) => log.error({ err: e.message }, 'event log compaction failed'),
    );
  }, config.compactionIntervalSeconds * 1000);

  /** The log's changes of `kind` after seq `after` (up to seq `through`), for a watch or an informer the hub no longer reaches back for. */
  const loggedChanges = async (after: number, kind: string, through?: number) => (await readEvents(db, { afterSeq: after, toSeq: through, kind })).map(changeOf);
  let stopPublisher = () => undefined as void;
  if (nc) {
    const publisher = natsEventPublisher(nc, () => committer.lastCommittedSeq, leads, hub.since(Math.max(0, seq - recentEventsKept)) ?? []);
    const replay = natsEventReplay(nc, { hub, lastSeq: () => committer.lastCommittedSeq, oldestResumableSeq: () => horizon, logged: loggedChanges }, leads, log);
    committer.addPublisher(publisher.publish);
    stopPublisher = () => {
      publisher.stop();
      replay.unsubscribe();
    };
  }
  const servingNames = apiServerNames(firstServiceIp(config.serviceCidr), config.tlsSans);
  const tls = config.insecureHttp ? undefined : await ensureLabPki(config.certDir, servingNames, new Date(), log);
  const rbacKinds = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
  const storeReads = {
    list: (kind: string, namespace?: string) => store.list(kind, namespace).map((s) => s.object),
    podsOn: (node: string) => store.podsOn(node).map((s) => ({ namespace: headerOf(s).namespace ?? '', references: referencesOf(s) })),
  };
  const uidOf = (kind: string, namespace: string, name: string) => store.get(kind, namespace, name)?.object.metadata.uid;
  const auth = new RequestAuth(
    config.certDir, tls !== undefined, storeReads, uidOf, () => rbacKinds.map((kind) => store.version(kind)).join('.'), config.authorizationMode === 'RBAC',
  );
  const pods = storedTypeOf('Pod')!;
  const backend = options.openContainerStream ?? (nc ? natsStreamBackend(nc, new SessionRecorder(audit, log)) : noKubeletAgent);
  // An exec, attach or port-forward upgrade is admitted as any request, and its refusal recorded as any refusal.
  const admitStream = (req: IncomingMessage) => auth.admit(req.method ?? 'GET', req.url ?? '/', req.headers, credentialsOf(req)).catch((e: unknown) => {
    if (e instanceof ApiError && isRecordedRefusal(e.status.code)) audit.refused(httpRefusal(req.method ?? 'GET', req.url ?? '/', e.status, refusedUser(e)), actorOf(req), req.socket.remoteAddress);
    throw e;
  });
  const streams = new StreamEndpoints((namespace, name) => api.get(pods, namespace, name).object, backend, log, admitStream);
  const http = new KubeHttp(api, {
    hub,
    lastSeq: () => committer.lastCommittedSeq,
    oldestResumableSeq: () => horizon,
    changesSince: loggedChanges,
    bookmarkIntervalMs: 60_000,
    ...(config.recordWatchDeliveries ? { deliveries: new WatchDeliveries() } : {}),
  }, natsLogReader(nc), {
    read: (filter) => readEvents(db, filter),
    fold: (toSeq) => replay(db, { toSeq, stored: true }),
    lastSeq: () => committer.lastCommittedSeq,
    horizon: () => horizon,
  }, log, auth, versionInfo(config.kubernetesVersion), streams);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(api, http, auth, { withNats: Boolean(config.natsUrl), podHttp: tls !== undefined }),
    new FastifyAdapter({
      bodyLimit: transportBodyLimit,
      forceCloseConnections: true,
      // A path Fastify cannot percent-decode never reaches KubeHttp: it is refused here, as a Status too.
      frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) => {
        const refusal = undecodableUrlRefusal(request.raw.url ?? '/');
        void reply.code(refusal.code).type('application/json').send(`${JSON.stringify(refusal.status)}\n`);
      },
      // Clients may show a certificate the lab CA signed (kubectl's admin, a `kubelab user add` user); RequestAuth reads it.
      ...(tls ? { https: { key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: false } } : {}),
    }),
    { bodyParser: false, logger: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  if (config.natsUrl) {
    app.connectMicroservice<CustomStrategy>({
      // One queue group: each request reaches one api-server, whichever is up. The server answered the connection above,
      // so a first try that a busy nats-server leaves unanswered is tried again (waitOnFirstConnect), not fatal.
      strategy: new BusServer({
        servers: natsServers(config.natsUrl), queue: 'kubelab-api-servers', waitOnFirstConnect: true, ...natsConnectionOptions, ...busConnectionOptions(apiServerIdentity, config.natsNkey),
      }),
    });
    await app.startAllMicroservices();
  }
  fastify.server.on('upgrade', (req, socket, head) => streams.handleUpgrade(req, socket, head));
  if (tls && nc) {
    const clock = () => labClockOffsetOf(store.get('ConfigMap', labClockConfigMap.namespace, labClockConfigMap.name)?.object as ConfigMap | undefined);
    const serving = new ServingFollowsNode(fastify.server as unknown as TlsServer, tls, tls.authority, servingNames, clock, log);
    nc.subscribe(subjects.staticPodStarts('*'), { callback: (_err, msg) => void serving.heard(JSON.parse(new TextDecoder().decode(msg.data)) as StaticPodStarts) });
  }
  // The TLS socket does not take the server's highWaterMark option (only the TCP socket under it does).
  fastify.server.on('secureConnection', (socket: TLSSocket) => {
    (socket as unknown as { _writableState: { highWaterMark: number } })._writableState.highWaterMark = responseBufferLimit;
  });
  await app.listen(config.port, config.host);
  const port = (fastify.server.address() as { port: number }).port;
  const url = `${tls ? 'https' : 'http'}://${config.host}:${port}`;
  log.info({ url, database: eventLog.location, nats: config.natsUrl ?? null, seq: committer.lastCommittedSeq }, 'api-server ready');
  return {
    url,
    ca: tls?.ca,
    port,
    streams: streams.gauge,
    close: async () => {
      clearInterval(compaction);
      clearInterval(settling);
      systemNamespaces.stop();
      streams.closeAll();
      stopPublisher();
      await appends?.close();
      await leadership?.stop();
      leases?.stop();
      metrics.stop();
      audit.flush();
      await committer.drain();
      await app.close();
      await nc?.drain();
      await db.destroy();
    },
  };
}
